/** A rate limit is waited out at most this often in a row, and only when the service asks for this long or less. */
export const MAX_RATE_RETRIES = 2;
export const MAX_RATE_WAIT_S = 30;

/** Milliseconds to wait before asking again after the `attempt`-th (from 0) rate-limited answer; undefined to give up and say so. */
export function rateLimitWait(attempt: number, retryAfterSeconds: number): number | undefined {
  return attempt < MAX_RATE_RETRIES && retryAfterSeconds <= MAX_RATE_WAIT_S ? Math.max(0, retryAfterSeconds) * 1000 : undefined;
}

/** A user's API URL without its trailing slashes, else the vendor's own host: where a secret may go. */
export function apiHost(configured: string, vendorDefault: string): string {
  return configured ? configured.replace(/\/+$/, '') : vendorDefault;
}
