// The fake Slack's data model: what a test sets up (workspace, tokens, users, user groups, channels),
// what it can inject (faults) and what it can read back (requests, posted messages).

export interface FakeWorkspace {
  /** `dsva` for https://dsva.slack.com/. */
  readonly subdomain: string;
  readonly teamId: string;
  readonly teamName: string;
}

export interface FakeToken {
  readonly token: string;
  /** The handle of the token's user (for a bot token, the bot user's). */
  readonly user: string;
  readonly userId: string;
  /** Set for a bot token (`xoxb-`): auth.test and posted messages carry it. */
  readonly botId?: string;
  /** Every call with it answers `token_revoked`. */
  readonly revoked?: boolean;
  /**
   * The OAuth scopes granted; a method needing another answers `missing_scope` (with `needed` and
   * `provided`), users.list leaves `profile.email` out without `users:read.email`, and a bot posts in a public
   * channel it is not in only with `chat:write.public`. Unset: `DEFAULT_SCOPES` (chat:write, channels:read,
   * groups:read, users:read, users:read.email, usergroups:read).
   */
  readonly scopes?: readonly string[];
}

export interface FakeUser {
  /** `U…` (or `W…`, `USLACKBOT`). */
  readonly id: string;
  /** The handle (`name` in Slack's user object). */
  readonly name: string;
  readonly realName?: string;
  /** May be empty, as in Slack, where the UI then shows the real name. */
  readonly displayName?: string;
  readonly email?: string;
  readonly title?: string;
  readonly deleted?: boolean;
  readonly isBot?: boolean;
  /** A bot user's bot id (`B…`), shown as `profile.bot_id`. */
  readonly botId?: string;
  /** IANA zone; default America/New_York. */
  readonly tz?: string;
}

export interface FakeUserGroup {
  /** `S…`. */
  readonly id: string;
  /** Mentioned as `@handle`. */
  readonly handle: string;
  readonly name: string;
  readonly description?: string;
  /** User ids. */
  readonly users?: readonly string[];
  /** A disabled group is listed only with `include_disabled`. */
  readonly disabled?: boolean;
}

export interface FakeChannel {
  /** `C…` (`G…` for an old private channel). */
  readonly id: string;
  /** Without the `#`. */
  readonly name: string;
  /** Whether the tokens' users (bots) are members: `true` for every token, or the member user ids. */
  readonly members: boolean | readonly string[];
  /** A private channel whose member the caller is not is `channel_not_found`, as in Slack. */
  readonly isPrivate?: boolean;
  readonly archived?: boolean;
  readonly topic?: string;
  readonly purpose?: string;
}

/** A message posted through chat.postMessage. */
export interface PostedMessage {
  /** The channel id (also when the request named the channel). */
  readonly channel: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly text: string;
  /** The poster's user id. */
  readonly user: string;
  readonly bot_id?: string;
  /** Every argument as received, the token left out (`link_names`, `unfurl_links`, `mrkdwn`, `blocks`…). */
  readonly args: Readonly<Record<string, string>>;
}

/** Applied to the next request (of `method`, when given), once. */
export type SlackFault = (
  | { readonly kind: 'ratelimited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'status'; readonly status: 500 | 503 }
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ms: number }
) & { readonly method?: string };

export interface RecordedRequest {
  /** The Slack method (`chat.postMessage`), or '' when the path is not under /api/. */
  readonly method: string;
  readonly httpMethod: string;
  /** The path as it arrived, without the query. */
  readonly path: string;
  /** The Authorization header as sent. A test may compare it; nothing should print it. */
  readonly authorization?: string;
  readonly contentType?: string;
  /** Where the token came from. */
  tokenSource?: 'header' | 'body';
  /** Query and body arguments, the token left out; JSON values that are not strings are JSON-encoded. */
  params: Readonly<Record<string, string>>;
  /** Set once answered. */
  status?: number;
  /** The `error` answered, if any. */
  error?: string;
}
