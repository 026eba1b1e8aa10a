import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { apiHost, rateLimitWait } from '../../core/rateLimit';
import { describePagerDutyFailure } from '../../core/pagerduty/pagerDutyErrors';
import type { PagerDutyLinkKind } from '../../core/pagerduty/pagerDutyLink';
import type { Log } from '../log';
import { onConnectionChange, networkReason, readAnswerBody } from '../serviceConnection';
import { userOnlySettings } from '../settings';

import { PAGERDUTY_TOKEN_KEY as TOKEN_KEY } from './pagerDutySecret';

const DEFAULT_API = 'https://api.pagerduty.com';
const TIMEOUT_MS = 10_000;
const PAGE_LIMIT = 100;
const MAX_PAGES = 20;

/** Where the PagerDuty key goes: the user's own setting (application scope), else PagerDuty's API host. */
export function pagerDutyApiUrl(): string {
  return apiHost(userOnlySettings().pagerDutyApiUrl, DEFAULT_API);
}

/** A failed PagerDuty request, with a message a person can act on (never the key). */
export class PagerDutyError extends Error {
  constructor(message: string, readonly status: number | undefined, readonly body: unknown) {
    super(message);
  }
}

export interface RequestOptions {
  /** What is asked, for messages: "page", "look up who is on call". */
  readonly action: string;
  readonly query?: readonly (readonly [string, string])[];
  readonly body?: unknown;
  /** The requester's email: PagerDuty requires it on writes. */
  readonly from?: string;
  /** The service, schedule or policy asked about, named when PagerDuty does not know it. */
  readonly resource?: { readonly kind: PagerDutyLinkKind; readonly id: string };
  /** Answers the caller handles itself (a duplicate incident key) instead of throwing. */
  readonly accept?: (status: number, body: unknown) => boolean;
}

export type ConnectResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * The one PagerDuty client: the REST API key in SecretStorage, the API host from user settings only, plain
 * `fetch` (PagerDuty's own client, @pagerduty/pdjs, bundles to 315 KB for the three calls made here), bounded
 * retries on 429, classic offset pagination, and one message per failure.
 */
export class PagerDutyClient extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Connected, disconnected, or the API host changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    super();
    for (const d of onConnectionChange(secrets, TOKEN_KEY, 'pagerduty.apiUrl', () => this._onDidChange.fire())) this._register(d);
  }

  async isConnected(): Promise<boolean> {
    return (await this.secrets.get(TOKEN_KEY)) !== undefined;
  }

  /** Checks the key (`GET /abilities`) and keeps it only when PagerDuty accepts it. */
  async connect(key: string): Promise<ConnectResult> {
    try {
      await this.send('GET', '/abilities', key, { action: 'check the PagerDuty key' });
    } catch (error) {
      if (error instanceof PagerDutyError) return { ok: false, error: error.message };
      throw error;
    }
    await this.secrets.store(TOKEN_KEY, key);
    return { ok: true };
  }

  async disconnect(): Promise<void> {
    await this.secrets.delete(TOKEN_KEY);
  }

  /** One request with the stored key; undefined without one. */
  async request(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<{ status: number; body: unknown } | undefined> {
    const key = await this.secrets.get(TOKEN_KEY);
    return key ? this.send(method, path, key, options) : undefined;
  }

  /** Every page of a list (`limit`/`offset`/`more`), up to a cap; `complete` is false when cut. */
  async list(path: string, items: string, options: RequestOptions): Promise<{ items: unknown[]; complete: boolean } | undefined> {
    const all: unknown[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = [...(options.query ?? []), ['limit', String(PAGE_LIMIT)], ['offset', String(page * PAGE_LIMIT)]] as const;
      const answer = await this.request('GET', path, { ...options, query });
      if (!answer) return undefined;
      const body = answer.body as Record<string, unknown>;
      const list = body[items];
      if (Array.isArray(list)) all.push(...(list as unknown[]));
      if (body.more !== true) return { items: all, complete: true };
    }
    return { items: all, complete: false };
  }

  private async send(method: 'GET' | 'POST', path: string, key: string, options: RequestOptions): Promise<{ status: number; body: unknown }> {
    const base = pagerDutyApiUrl();
    const url = `${base}${path}${options.query?.length ? `?${new URLSearchParams(options.query.map(([k, v]) => [k, v])).toString()}` : ''}`;
    const headers: Record<string, string> = {
      Authorization: `Token token=${key}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.from ? { From: options.from } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(url, { method, headers, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
      } catch (error) {
        const reason = networkReason(error, TIMEOUT_MS);
        this.log.warn(`PagerDuty ${method} ${path} → no answer in ${Date.now() - started} ms: ${reason}`);
        throw new PagerDutyError(describePagerDutyFailure({ action: options.action, networkError: reason, host: new URL(base).host }), undefined, undefined);
      }
      const body = await readAnswerBody(response);
      this.log.info(`PagerDuty ${method} ${path} → ${response.status} in ${Date.now() - started} ms`);
      if (response.ok || options.accept?.(response.status, body)) return { status: response.status, body };
      const retryAfter = retryAfterSeconds(response);
      // A 429 means nothing was done, so even a POST may be sent again; only a short wait is waited out.
      const wait = response.status === 429 ? rateLimitWait(attempt, retryAfter) : undefined;
      if (wait !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      const facts = { ...(options.resource ? { resource: options.resource } : {}), ...(options.from ? { fromEmail: options.from } : {}), ...(response.status === 429 ? { retryAfterSeconds: retryAfter } : {}) };
      throw new PagerDutyError(describePagerDutyFailure({ action: options.action, status: response.status, body, ...facts }), response.status, body);
    }
  }
}


/** `Retry-After`, else PagerDuty's `ratelimit-reset` (seconds), else a minute. */
function retryAfterSeconds(response: Response): number {
  for (const name of ['retry-after', 'ratelimit-reset']) {
    const value = Number(response.headers.get(name));
    if (response.headers.has(name) && Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  return 60;
}
