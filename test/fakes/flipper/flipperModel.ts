// The fake Flipper's data model: what a test sets up (tokens, features) and what it reads back (a feature's
// state, the recorded requests).

/** A bearer token the wrapping app accepts (`Authorization: Bearer TOKEN`); a read-only one may only GET and HEAD. */
export interface FakeToken {
  readonly token: string;
  readonly readOnly?: boolean;
}

/** A feature as a test sets it up. */
export interface FakeFeature {
  readonly key: string;
  /** The boolean gate: on for everyone. Default off. */
  readonly boolean?: boolean;
  /** 0–100, decimals allowed. Unset: the gate was never set (its value is null; disabling it leaves "0"). */
  readonly percentageOfActors?: number;
  /** The flipper_ids the actors gate is enabled for. */
  readonly actors?: readonly string[];
}

/** Feature#state of lib/flipper/feature.rb. */
export type FeatureState = 'on' | 'off' | 'conditional';

/** A feature as the fake holds it now. */
export interface FeatureSnapshot {
  readonly key: string;
  readonly state: FeatureState;
  readonly boolean: boolean;
  /** null: never set. */
  readonly percentageOfActors: number | null;
  readonly percentageOfTime: number | null;
  readonly actors: readonly string[];
}

export interface RecordedRequest {
  readonly method: string;
  /** The whole path, mount included, still percent-encoded. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Whether an Authorization header came; the token itself is not kept. */
  readonly hasAuthorization: boolean;
  /** A JSON body parsed, a form body as its fields, any other as its text; unset when empty. */
  readonly body?: unknown;
  /** Set once answered. */
  status?: number;
}
