import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

const MAX_RATE_LIMIT_WAIT_S = 70;
const LOOPBACK = /^https?:\/\/(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(?::\d+)?(?:\/|$)/i;

/** Octokit with pagination, retries and throttling; loaded on the first search only. */
export function createOctokit(options: { baseUrl: string; auth?: string }) {
  const WithPlugins = Octokit.plugin(paginateRest, retry, throttling);
  // A server on this machine (a local proxy or the test fake) has no GitHub quota: no pacing, short back-offs.
  const local = LOOPBACK.test(options.baseUrl);
  return new WithPlugins({
    ...options,
    userAgent: 'incident-runbook-vscode',
    retry: { doNotRetry: [400, 401, 403, 404, 422, 429], ...(local ? { retryAfterBaseValue: 10 } : {}) },
    throttle: {
      // A bounded automatic retry: once, and only when GitHub says the wait is short.
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S,
      ...(local ? { search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }), retryAfterBaseValue: 50 } : {}),
    },
  });
}
