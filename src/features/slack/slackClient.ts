import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { apiHost, rateLimitWait } from '../../core/rateLimit';
import type { SlackDirectory, SlackGroup, SlackUser } from '../../core/slack/mentions';
import type { SlackAuth as WorkspaceAuth } from '../../core/slack/slackChannelLink';
import { describeSlackFailure, isAuthFailure, type SlackFailure } from '../../core/slack/slackErrors';
import type { Log } from '../log';
import { onConnectionChange } from '../serviceConnection';
import { userOnlySettings } from '../settings';
import type * as VendorSlack from './vendorSlack';

import { SLACK_TOKEN_KEY as TOKEN_KEY } from './slackSecret';

const DEFAULT_API = 'https://slack.com/api';
const TIMEOUT_MS = 10_000;
const DIRECTORY_PAGES = 50;

/** Where a Slack token goes: the user's own setting (application scope), else Slack's API host. */
export function slackApiUrl(): string {
  return apiHost(userOnlySettings().slackApiUrl, DEFAULT_API);
}

/** Who the token belongs to, from `auth.test`: the workspace the channel check compares with, and the token's user. */
export interface SlackAuth extends WorkspaceAuth {
  readonly user: string;
}

export type ConnectResult = { readonly ok: true; readonly team: string } | { readonly ok: false; readonly error: string };

export class SlackError extends Error {
  constructor(message: string, readonly failure: SlackFailure) {
    super(message);
  }
}

export interface CallOptions {
  /** What is asked, for messages: "post the notification". */
  readonly action: string;
  readonly channel?: string;
  /** A read can be sent again after a network error; a post must not be (it may have arrived). */
  readonly idempotent: boolean;
}

/**
 * The one Slack client: the token in SecretStorage, the API host from user settings only, Slack's
 * official WebClient loaded on the first call, bounded retries, and one message per failure.
 */
export class SlackClient extends Disposable {
  private caller: { key: string; caller: VendorSlack.SlackCaller } | undefined;
  private authCache: Promise<SlackAuth | undefined> | undefined;
  private directoryCache: Promise<{ directory: SlackDirectory; complete: boolean }> | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Connected, disconnected, or the API host changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    super();
    const changed = () => {
      this.caller = undefined;
      this.authCache = undefined;
      this.directoryCache = undefined;
      this._onDidChange.fire();
    };
    for (const d of onConnectionChange(secrets, TOKEN_KEY, 'slack.apiUrl', changed)) this._register(d);
  }

  async isConnected(): Promise<boolean> {
    return (await this.secrets.get(TOKEN_KEY)) !== undefined;
  }

  /** Checks the token with `auth.test` and keeps it only when Slack accepts it. */
  async connect(token: string): Promise<ConnectResult> {
    const answer = await this.load().createSlackCaller(token, slackApiUrl(), TIMEOUT_MS).call('auth.test', {});
    this.log.info(`Slack auth.test → ${answer.ok ? 'ok' : describeFailureCode(answer.failure)}`);
    if (!answer.ok) return { ok: false, error: describeSlackFailure(answer.failure, { action: 'check the Slack token', host: new URL(slackApiUrl()).host }) };
    await this.secrets.store(TOKEN_KEY, token);
    return { ok: true, team: String(answer.data.team ?? '') };
  }

  async disconnect(): Promise<void> {
    await this.secrets.delete(TOKEN_KEY);
  }

  /** Who the stored token belongs to; undefined without one. Asked once per token. */
  auth(): Promise<SlackAuth | undefined> {
    this.authCache ??= this.call('auth.test', {}, { action: 'check the Slack token', idempotent: true }).then(
      (data) => (data ? { url: String(data.url ?? ''), team: String(data.team ?? ''), teamId: String(data.team_id ?? ''), user: String(data.user ?? '') } : undefined),
      (error: unknown) => {
        this.authCache = undefined;
        throw error;
      },
    );
    return this.authCache;
  }

  /**
   * The workspace's people and user groups, for mentions: every page of `users.list` and `usergroups.list`,
   * once per token for the session. `complete` is false when the list was cut at its page cap.
   */
  directory(): Promise<{ directory: SlackDirectory; complete: boolean }> {
    this.directoryCache ??= this.loadDirectory().catch((error: unknown) => {
      this.directoryCache = undefined;
      throw error;
    });
    return this.directoryCache;
  }

  /** One Web API call with the stored token; undefined without one; throws a SlackError naming the problem. */
  async call(method: string, args: Record<string, unknown>, options: CallOptions): Promise<Record<string, unknown> | undefined> {
    const caller = await this.callerForToken();
    if (!caller) return undefined;
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      const answer = await caller.call(method, args);
      this.log.info(`Slack ${method} → ${answer.ok ? 'ok' : describeFailureCode(answer.failure)} in ${Date.now() - started} ms`);
      if (answer.ok) return answer.data;
      const wait = this.retryDelay(answer.failure, attempt, options.idempotent);
      if (wait === undefined) throw this.error(answer.failure, options);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async loadDirectory(): Promise<{ directory: SlackDirectory; complete: boolean }> {
    const caller = await this.callerForToken();
    if (!caller) return { directory: { users: [], groups: [] }, complete: false };
    const users = await caller.paginate('users.list', { limit: 200 }, 'members', DIRECTORY_PAGES);
    if ('failure' in users) throw this.error(users.failure, { action: 'read the Slack workspace\'s people', idempotent: true });
    const groups = await this.call('usergroups.list', {}, { action: 'read the Slack user groups', idempotent: true });
    this.log.info(`Slack directory: ${users.items.length} people${users.complete ? '' : ' (cut at the page cap)'}`);
    return { directory: { users: users.items.map(toUser).filter((u): u is SlackUser => u !== undefined), groups: listOf(groups?.usergroups).map(toGroup).filter((g): g is SlackGroup => g !== undefined) }, complete: users.complete };
  }

  /** Milliseconds to wait before trying again, or undefined to give up. */
  private retryDelay(failure: SlackFailure, attempt: number, idempotent: boolean): number | undefined {
    if (failure.kind === 'rate') return rateLimitWait(attempt, failure.retryAfterSeconds);
    const transient = failure.kind === 'network' || (failure.kind === 'http' && failure.status >= 500);
    return idempotent && transient && attempt < 1 ? 1000 : undefined;
  }

  private error(failure: SlackFailure, options: CallOptions): SlackError {
    // A refused token will be refused again: forget what it answered before.
    if (isAuthFailure(failure)) this.authCache = undefined;
    return new SlackError(describeSlackFailure(failure, { action: options.action, ...(options.channel ? { channel: options.channel } : {}), host: new URL(slackApiUrl()).host }), failure);
  }

  private async callerForToken(): Promise<VendorSlack.SlackCaller | undefined> {
    const token = await this.secrets.get(TOKEN_KEY);
    if (!token) return undefined;
    const url = slackApiUrl();
    const key = `${url}\n${token}`;
    if (this.caller?.key !== key) this.caller = { key, caller: this.load().createSlackCaller(token, url, TIMEOUT_MS) };
    return this.caller.caller;
  }

  private load(): typeof VendorSlack {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: Slack's client loads on the first call
    return require('./vendorSlack') as typeof VendorSlack;
  }
}

function describeFailureCode(failure: SlackFailure): string {
  switch (failure.kind) {
    case 'platform':
      return failure.error;
    case 'rate':
      return `429, retry after ${failure.retryAfterSeconds} s`;
    case 'http':
      return `HTTP ${failure.status}`;
    case 'network':
      return failure.message;
  }
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function toUser(value: unknown): SlackUser | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as { id?: unknown; name?: unknown; deleted?: unknown; is_bot?: unknown; real_name?: unknown; profile?: { display_name?: unknown; real_name?: unknown } };
  if (typeof m.id !== 'string' || typeof m.name !== 'string') return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const displayName = text(m.profile?.display_name);
  const realName = text(m.profile?.real_name) ?? text(m.real_name);
  return { id: m.id, handle: m.name, ...(displayName ? { displayName } : {}), ...(realName ? { realName } : {}), deleted: m.deleted === true, isBot: m.is_bot === true };
}

function toGroup(value: unknown): SlackGroup | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const g = value as { id?: unknown; handle?: unknown; name?: unknown };
  if (typeof g.id !== 'string' || typeof g.handle !== 'string') return undefined;
  return { id: g.id, handle: g.handle, ...(typeof g.name === 'string' ? { name: g.name } : {}) };
}
