import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

const MAX_RATE_LIMIT_WAIT_S = 70;

/** Octokit with pagination, retries and throttling; loaded on the first search only. */
export function createOctokit(options: { baseUrl: string; auth?: string }) {
  const WithPlugins = Octokit.plugin(paginateRest, retry, throttling);
  return new WithPlugins({
    ...options,
    userAgent: 'incident-runbook-vscode',
    retry: { doNotRetry: [400, 401, 403, 404, 422, 429] },
    throttle: {
      // A bounded automatic retry: once, and only when GitHub says the wait is short.
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S,
    },
  });
}
