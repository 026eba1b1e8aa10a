import { capStream } from '../changes/githubClient';

const MAX_REDIRECTS = 5;

/** Why an anonymous fetch failed; `transient` when a cached copy may stand in (the network, the server, a rate limit). */
export class FetchFailure extends Error {
  constructor(message: string, readonly transient: boolean) {
    super(message);
  }
}

export type AnonymousResult = { readonly status: 200; readonly text: string; readonly etag?: string; readonly html: boolean } | { readonly status: 304 };

/**
 * GET without credentials (never an Authorization header, no cookies), following a redirect only
 * while it stays on the same host; the body is read up to `maxBytes + 1` bytes.
 */
export async function fetchAnonymously(url: string, options: { readonly signal: AbortSignal; readonly maxBytes: number; readonly etag?: string }): Promise<AnonymousResult> {
  let at = new URL(url);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(at, { redirect: 'manual', credentials: 'omit', signal: options.signal, headers: { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1', ...(options.etag ? { 'if-none-match': options.etag } : {}) } });
    } catch (error) {
      if (options.signal.aborted) throw error;
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new FetchFailure(`${at.host} cannot be reached (${cause ?? (error instanceof Error ? error.message : String(error))})`, true);
    }
    if (response.status === 304) return { status: 304 };
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FetchFailure(`${at.host} answered ${response.status} without a Location`, false);
      const next = new URL(location, at);
      if (next.host !== at.host || (next.protocol !== at.protocol && next.protocol !== 'https:')) throw new FetchFailure(`${at.host} redirects to another host (${next.host}), which is not followed`, false);
      if (hop >= MAX_REDIRECTS) throw new FetchFailure(`${at.host} redirects more than ${MAX_REDIRECTS} times`, false);
      at = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const transient = response.status >= 500 || response.status === 429 || (response.status === 403 && response.headers.get('x-ratelimit-remaining') === '0');
      throw new FetchFailure(`${at.host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, transient);
    }
    const body = response.body ? await new Response(capStream(response.body, options.maxBytes + 1)).arrayBuffer() : new ArrayBuffer(0);
    const etag = response.headers.get('etag');
    const html = /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
    return { status: 200, text: new TextDecoder().decode(body), html, ...(etag ? { etag } : {}) };
  }
}
