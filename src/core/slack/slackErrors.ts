/** Why a Slack Web API call failed, as the client sees it (no token, ever). */
export type SlackFailure =
  /** HTTP 200 with `ok: false`: Slack's own error code ("not_in_channel"). */
  | { readonly kind: 'platform'; readonly error: string; readonly needed?: string }
  /** HTTP 429: wait this long before the next call. */
  | { readonly kind: 'rate'; readonly retryAfterSeconds: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'network'; readonly message: string };

export interface FailureContext {
  /** What was asked: "post the notification", "check the token". */
  readonly action: string;
  /** "#beneficiary-travel-team", when a channel is involved. */
  readonly channel?: string;
  /** The API host, for network errors. */
  readonly host: string;
}

const CONNECT = 'Run "Runbook: Connect Slack…" with a valid token.';

/** A message a person can act on; it never repeats a token. */
export function describeSlackFailure(failure: SlackFailure, context: FailureContext): string {
  const cannot = `Could not ${context.action}`;
  const channel = context.channel ?? 'the channel';
  switch (failure.kind) {
    case 'rate':
      return `${cannot}: Slack is rate limiting this token (about one message per second per channel); try again in ${failure.retryAfterSeconds} s.`;
    case 'http':
      return `${cannot}: Slack answered HTTP ${failure.status}${failure.status >= 500 ? '; Slack may be having trouble, try again shortly' : ''}.`;
    case 'network':
      return `${cannot}: ${context.host} could not be reached (${failure.message}).`;
    case 'platform':
      return `${cannot}: ${platformReason(failure, channel)}`;
  }
}

function platformReason(failure: Extract<SlackFailure, { kind: 'platform' }>, channel: string): string {
  switch (failure.error) {
    case 'not_in_channel':
      return `the Slack app is not a member of ${channel}. Invite it there (/invite @your-app in the channel), or use a user token.`;
    case 'channel_not_found':
      return `Slack knows no channel ${channel} for this token: the runbook's link may point to another workspace, or the channel is private and the app is not in it.`;
    case 'is_archived':
      return `${channel} is archived.`;
    case 'invalid_auth':
    case 'not_authed':
      return `Slack refused the token (${failure.error}). ${CONNECT}`;
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return `the Slack token is no longer valid (${failure.error}). ${CONNECT}`;
    case 'missing_scope':
      return `the Slack token lacks the ${failure.needed ? `${failure.needed} scope` : 'scope this needs'} (needs chat:write, users:read, usergroups:read).`;
    case 'ratelimited':
      return 'Slack is rate limiting this token; try again in a minute.';
    case 'msg_too_long':
      return 'the message is longer than Slack accepts (40,000 characters).';
    case 'no_text':
      return 'the message is empty.';
    case 'restricted_action':
      return `the workspace does not let this token post in ${channel}.`;
    default:
      return `Slack answered ${failure.error}.`;
  }
}

/** Whether the token itself is the problem: connecting again may fix it. */
export function isAuthFailure(failure: SlackFailure): boolean {
  return failure.kind === 'platform' && ['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'].includes(failure.error);
}
