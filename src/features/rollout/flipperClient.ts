import * as vscode from 'vscode';
import { confirmsPercentage, describeFlipperFailure, type FlipperFeatureState, percentageRequest, readFlipperFeature } from '../../core/flipper/flipperFeature';
import { Disposable } from '../../core/lifecycle';
import { apiHost, rateLimitWait } from '../../core/rateLimit';
import type { Log } from '../log';
import { networkReason, onConnectionChange, readAnswerBody } from '../serviceConnection';
import { userOnlySettings } from '../settings';
import { FLIPPER_TOKEN_KEY } from './flipperSecret';

const TIMEOUT_MS = 10_000;

/**
 * Where the Flipper token goes: the app's mounted Flipper API from the user's own settings (application scope).
 * Flipper has no vendor host, so without that setting nothing is sent anywhere.
 */
export function flipperApiUrl(): string | undefined {
  const configured = userOnlySettings().flipperApiUrl;
  return configured ? apiHost(configured, '') : undefined;
}

export class FlipperError extends Error {
  constructor(message: string, readonly status: number | undefined) {
    super(message);
  }
}

export type FlipperConnect = { readonly ok: true; readonly features: number } | { readonly ok: false; readonly error: string };

/**
 * The one Flipper client: the token in SecretStorage (sent as a bearer token: Flipper::Api itself has no
 * authentication, the app that mounts it does), the API address from user settings only, plain `fetch` (no official
 * JavaScript client for Flipper's HTTP API was found), bounded waits on 429, and one message per failure.
 */
export class FlipperClient extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Connected, disconnected, or the API address changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    super();
    for (const d of onConnectionChange(secrets, FLIPPER_TOKEN_KEY, 'flipper.apiUrl', () => this._onDidChange.fire())) this._register(d);
  }

  /** Both the address and a token: only then does a stage set the flag itself. */
  async isConnected(): Promise<boolean> {
    return flipperApiUrl() !== undefined && (await this.secrets.get(FLIPPER_TOKEN_KEY)) !== undefined;
  }

  /** Checks the token with `GET /features`; keeps it only when Flipper answered. */
  async connect(token: string): Promise<FlipperConnect> {
    try {
      const { body } = await this.send('GET', '/features', token, 'list Flipper features');
      const features = (body as { features?: unknown[] } | undefined)?.features;
      await this.secrets.store(FLIPPER_TOKEN_KEY, token);
      return { ok: true, features: Array.isArray(features) ? features.length : 0 };
    } catch (error) {
      if (error instanceof FlipperError) return { ok: false, error: error.message };
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.secrets.delete(FLIPPER_TOKEN_KEY);
  }

  async feature(name: string): Promise<FlipperFeatureState> {
    const { body } = await this.send('GET', `/features/${encodeURIComponent(name)}`, await this.token(), `read the Flipper feature ${name}`);
    const state = readFlipperFeature(body);
    if (!state) throw new FlipperError(`Flipper's answer for ${name} is not a feature; check runbook.flipper.apiUrl points at the mounted Flipper API.`, 200);
    return state;
  }

  /** Sets the percentage of actors, then reads the feature back: resolves only when Flipper shows that percentage. */
  async setPercentage(name: string, percentage: number): Promise<FlipperFeatureState> {
    const token = await this.token();
    const action = `set the Flipper feature ${name} to ${percentage}% of actors`;
    const request = percentageRequest(name, percentage);
    // A write is sent once: after a timeout Flipper may have done it, and the read-back says.
    await this.send(request.method, request.path, token, action, request.body);
    const state = await this.feature(name);
    if (!confirmsPercentage(state, percentage)) {
      const shows = state.fullyOn ? 'fully on (the boolean gate overrides the percentage)' : `${state.percentageOfActors}%`;
      throw new FlipperError(`Could not ${action}: reading it back, Flipper shows ${shows}. Check the feature in Flipper's UI.`, undefined);
    }
    return state;
  }

  private async token(): Promise<string> {
    const token = await this.secrets.get(FLIPPER_TOKEN_KEY);
    if (!token) throw new FlipperError('Flipper is not connected: run "Runbook: Connect Flipper…".', undefined);
    return token;
  }

  private async send(method: 'GET' | 'POST' | 'DELETE', path: string, token: string, action: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const base = flipperApiUrl();
    if (!base) throw new FlipperError(`Could not ${action}: set runbook.flipper.apiUrl in your user settings to the app's Flipper API (for example https://app.example.com/flipper/api).`, undefined);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      // Exactly this: Flipper reads a JSON body only when the type has no parameters (no "; charset=").
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, { method, headers, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch (error) {
        const reason = networkReason(error, TIMEOUT_MS);
        this.log.warn(`Flipper ${method} ${path} → no answer in ${Date.now() - started} ms: ${reason}`);
        throw new FlipperError(describeFlipperFailure({ action, networkError: reason, host: safeHost(base) }), undefined);
      }
      const answer = await readAnswerBody(response);
      this.log.info(`Flipper ${method} ${path} → ${response.status} in ${Date.now() - started} ms`);
      if (response.ok) return { status: response.status, body: answer };
      const retryAfter = Number(response.headers.get('retry-after') ?? 60);
      const wait = response.status === 429 ? rateLimitWait(attempt, Number.isFinite(retryAfter) ? retryAfter : 60) : undefined;
      if (wait !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      throw new FlipperError(describeFlipperFailure({ action, status: response.status, body: answer, retryAfterSeconds: retryAfter }), response.status);
    }
  }
}

function safeHost(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}
