/** A feature as Flipper's API answers it (GET /features/{name}): its state and gates, values as strings. */
export interface FlipperFeatureJson {
  readonly key?: unknown;
  readonly state?: unknown;
  readonly gates?: readonly { readonly key?: unknown; readonly value?: unknown }[];
}

export interface FlipperFeatureState {
  readonly key: string;
  /** "on" (fully enabled), "off" or "conditional". */
  readonly state: string;
  /** The percentage of actors gate: 0 when never set or cleared (Flipper answers null or "0"). */
  readonly percentageOfActors: number;
  /** Enabled for everyone, whatever the percentage. */
  readonly fullyOn: boolean;
}

/** The feature read from Flipper's answer; undefined for an answer that is not a feature. */
export function readFlipperFeature(body: unknown): FlipperFeatureState | undefined {
  const feature = (body ?? {}) as FlipperFeatureJson;
  if (typeof feature.key !== 'string' || !Array.isArray(feature.gates)) return undefined;
  const gate = (key: string) => feature.gates?.find((g) => g.key === key)?.value;
  const percentage = Number(gate('percentage_of_actors') ?? 0);
  const boolean = gate('boolean');
  return {
    key: feature.key,
    state: typeof feature.state === 'string' ? feature.state : 'off',
    percentageOfActors: Number.isFinite(percentage) ? percentage : 0,
    fullyOn: boolean === true || boolean === 'true',
  };
}

/** The request that sets a feature's percentage of actors: 0 clears the gate (DELETE), as Flipper's UI does. */
export function percentageRequest(feature: string, percentage: number): { readonly method: 'POST' | 'DELETE'; readonly path: string; readonly body?: { readonly percentage: string } } {
  const path = `/features/${encodeURIComponent(feature)}/percentage_of_actors`;
  return percentage > 0 ? { method: 'POST', path, body: { percentage: String(percentage) } } : { method: 'DELETE', path };
}

/** Whether Flipper's answer shows the percentage asked for (and not a boolean gate that overrides it). */
export function confirmsPercentage(state: FlipperFeatureState, percentage: number): boolean {
  return Math.abs(state.percentageOfActors - percentage) < 1e-9 && (!state.fullyOn || percentage >= 100);
}

export interface FlipperFailure {
  /** What was asked: "set new_checkout to 10%". */
  readonly action: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly networkError?: string;
  readonly host?: string;
  readonly retryAfterSeconds?: number;
}

/** One sentence a person can act on, from Flipper's own message where it gives one ({ code, message }). Never the token. */
export function describeFlipperFailure(failure: FlipperFailure): string {
  const base = `Could not ${failure.action}`;
  if (failure.networkError !== undefined) return `${base}: Flipper at ${failure.host ?? 'the configured address'} did not answer (${failure.networkError}). Check runbook.flipper.apiUrl in your user settings.`;
  const message = flipperMessage(failure.body);
  const said = message ? `: ${message}` : '';
  switch (failure.status) {
    case 401:
      return `${base}: Flipper refused the token (401)${said}. Run "Runbook: Connect Flipper…" with a token the app accepts.`;
    case 403:
      return `${base}: the token may not change features (403)${said}. Ask for a token with write access.`;
    case 404:
      return `${base}: Flipper has no such feature or API there (404)${said}. Check the plan's feature name and runbook.flipper.apiUrl.`;
    case 422:
      return `${base}: Flipper refused the value (422)${said}.`;
    case 429:
      return `${base}: Flipper is rate limiting (429); try again in ${failure.retryAfterSeconds ?? 60} s.`;
    default:
      return `${base}: Flipper answered ${failure.status ?? 'nothing'}${said}.`;
  }
}

function flipperMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message.slice(0, 300).replace(/[.\s]+$/, '');
  return undefined;
}
