// The fake's answers. Flipper::Api's own errors are `{ code, message, more_info }` with an HTTP status
// (lib/flipper/api/error_response.rb of flippercloud/flipper); the others come from what wraps Flipper::Api in
// an app: its token check (Flipper::Api has no authentication of its own), Rack::Attack's throttle, the app's
// router and its handling of an exception.

/** Status, headers and a JSON or a text body. */
export type Reply = { readonly status: number; readonly headers?: Readonly<Record<string, string>> } & ({ readonly json: unknown } | { readonly text: string });

const MORE_INFO = 'https://flippercloud.io/docs/api#error-code-reference';

function flipperError(code: number, message: string, status: number): Reply {
  return { status, json: { code, message, more_info: MORE_INFO } };
}

/** The errors of the faked actions; 2 (group not registered), 6 (import) and 7 (expression) belong to actions the fake lacks. */
export const FLIPPER_ERRORS = {
  featureNotFound: () => flipperError(1, 'Feature not found.', 404),
  percentageInvalid: () => flipperError(3, 'Percentage must be a positive number less than or equal to 100.', 422),
  flipperIdInvalid: () => flipperError(4, 'Required parameter flipper_id is missing.', 422),
  nameInvalid: () => flipperError(5, 'Required parameter name is missing.', 422),
  /** A path below the mount that no action routes: the app at the end of Flipper::Api's stack (lib/flipper/api.rb). */
  noRoute: (): Reply => ({ status: 404, json: {} }),
} as const;

export const APP_REPLIES = {
  /** The wrapping app's rule, not Flipper's: no, an unknown or a malformed bearer token. */
  unauthorized: (): Reply => ({ status: 401, json: { code: 'unauthorized', message: 'A valid bearer token is required.' }, headers: { 'www-authenticate': 'Bearer' } }),
  /** The wrapping app's rule, not Flipper's: a read-only token may not change flags. */
  forbidden: (): Reply => ({ status: 403, json: { code: 'forbidden', message: 'This token may only read feature flags.' } }),
  /** Rack::Attack's default throttled answer with `throttled_response_retry_after_header` on (lib/rack/attack/configuration.rb of rack/rack-attack). */
  throttled: (retryAfterSeconds: number): Reply => ({ status: 429, text: 'Retry later\n', headers: { 'retry-after': String(retryAfterSeconds) } }),
  /** The app's router, outside the mount. */
  notFound: (): Reply => ({ status: 404, text: 'Not Found' }),
  /** An exception raised in Flipper::Api (an unsupported method, a body its JSON reader cannot take) as the app renders it. */
  exception: (): Reply => ({ status: 500, text: 'Internal Server Error' }),
  /** An action of the gem the fake does not have. */
  notFaked: (action: string): Reply => ({ status: 501, text: `The fake Flipper does not implement ${action}.` }),
} as const;
