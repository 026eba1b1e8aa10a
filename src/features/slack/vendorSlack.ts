// Slack's official client, loaded on the first Slack call only (dist/vendor/slack.js).
import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import type { SlackFailure } from '../../core/slack/slackErrors';

export type SlackAnswer = { readonly ok: true; readonly data: Record<string, unknown> } | { readonly ok: false; readonly failure: SlackFailure };

export interface SlackCaller {
  call(method: string, args: Record<string, unknown>): Promise<SlackAnswer>;
  /** Every page of a cursor-paginated method, up to `maxPages`; `items` names the list in each page. */
  paginate(method: string, args: Record<string, unknown>, items: string, maxPages: number): Promise<{ readonly items: readonly unknown[]; readonly complete: boolean } | { readonly failure: SlackFailure }>;
}

/** The client logs nothing: a request's body holds the token and the message. */
const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/**
 * A WebClient that never retries or waits by itself (the caller bounds retries and says what it waits for),
 * never follows a method name to another host, and gives up on a request after `timeoutMs`.
 */
export function createSlackCaller(token: string, apiUrl: string, timeoutMs: number): SlackCaller {
  const client = new WebClient(token, {
    slackApiUrl: `${apiUrl.replace(/\/+$/, '')}/`,
    logger: SILENT,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    allowAbsoluteUrls: false,
    timeout: timeoutMs,
  });
  const call = async (method: string, args: Record<string, unknown>): Promise<SlackAnswer> => {
    try {
      const data = (await client.apiCall(method, args)) as unknown as Record<string, unknown>;
      return { ok: true, data };
    } catch (error) {
      return { ok: false, failure: failureOf(error) };
    }
  };
  return {
    call,
    async paginate(method, args, items, maxPages) {
      const all: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const answer = await call(method, { ...args, ...(cursor ? { cursor } : {}) });
        if (!answer.ok) return { failure: answer.failure };
        const list = answer.data[items];
        if (Array.isArray(list)) all.push(...(list as unknown[]));
        const meta = answer.data.response_metadata as { next_cursor?: unknown } | undefined;
        cursor = typeof meta?.next_cursor === 'string' && meta.next_cursor ? meta.next_cursor : undefined;
        if (!cursor) return { items: all, complete: true };
      }
      return { items: all, complete: false };
    },
  };
}

function failureOf(error: unknown): SlackFailure {
  const e = error as { code?: unknown; data?: { error?: unknown; needed?: unknown }; retryAfter?: unknown; statusCode?: unknown; original?: { message?: unknown; cause?: { code?: unknown } } };
  switch (e.code) {
    case ErrorCode.PlatformError:
      return { kind: 'platform', error: String(e.data?.error ?? 'unknown_error'), ...(typeof e.data?.needed === 'string' ? { needed: e.data.needed } : {}) };
    case ErrorCode.RateLimitedError:
      return { kind: 'rate', retryAfterSeconds: typeof e.retryAfter === 'number' ? e.retryAfter : 60 };
    case ErrorCode.HTTPError:
      return { kind: 'http', status: typeof e.statusCode === 'number' ? e.statusCode : 0 };
    case ErrorCode.RequestError: {
      const cause = e.original?.cause?.code;
      return { kind: 'network', message: typeof cause === 'string' ? cause : String(e.original?.message ?? 'request failed') };
    }
    default:
      return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
}
