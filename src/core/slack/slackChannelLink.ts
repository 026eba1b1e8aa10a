import { clip } from '../text';

/** A Slack channel (and maybe a thread in it) as a runbook links it. */
export interface SlackChannelLink {
  /** The lower-case subdomain ('dsva'), or the team id ('T03FECE8V') of an app.slack.com link. */
  readonly workspace: string;
  readonly channelId: string;
  /** The thread's parent message, '1733100000.000100'. */
  readonly threadTs?: string;
  readonly url: string;
}

/** What Slack's auth.test says about a token. */
export interface SlackAuth {
  /** 'https://dsva.slack.com/' */
  readonly url: string;
  readonly teamId: string;
  readonly team: string;
}

export type WorkspaceCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const CHANNEL_ID = /^[CGD][A-Z0-9]{8,20}$/;
// T… for a workspace, E… for an Enterprise Grid organisation.
const TEAM_ID = /^[TE][A-Z0-9]{8,20}$/;
const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SLACK_TS = /^\d{9,12}\.\d{6}$/;
// A message permalink's last segment: "p" and the ts without its dot, the last six digits after it.
const PERMALINK_TS = /^p\d{15,18}$/;

export function isSlackChannelId(id: string): boolean {
  return CHANNEL_ID.test(id);
}

/** '1733100000.000100', as Slack's API writes a message's ts. */
export function isSlackTs(ts: string): boolean {
  return SLACK_TS.test(ts);
}

/**
 * `https://WORKSPACE.slack.com/archives/CHANNEL[/pTS]`, the same under `WORKSPACE.enterprise.slack.com`,
 * or `https://app.slack.com/client/TEAM/CHANNEL[/thread/CHANNEL-TS]`; undefined for anything else.
 * A reply's permalink carries its thread in `?thread_ts=`, which wins over the reply's own ts.
 */
export function parseSlackChannelLink(url: string): SlackChannelLink | undefined {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.port || parsed.username || parsed.password) return undefined;
  const segments = parsed.pathname.split('/').filter(Boolean);
  const found = parsed.hostname === 'app.slack.com' ? clientLink(segments) : archivesLink(parsed.hostname, segments);
  if (!found) return undefined;
  const queryTs = parsed.searchParams.get('thread_ts');
  const threadTs = queryTs !== null && isSlackTs(queryTs) ? queryTs : found.threadTs;
  return { workspace: found.workspace, channelId: found.channelId, ...(threadTs ? { threadTs } : {}), url: trimmed };
}

type Found = { workspace: string; channelId: string; threadTs?: string | undefined };

function archivesLink(host: string, segments: readonly string[]): Found | undefined {
  const workspace = workspaceOf(host);
  const [archives, channelId, message, ...rest] = segments;
  if (!workspace || archives !== 'archives' || !channelId || !isSlackChannelId(channelId) || rest.length) return undefined;
  if (message === undefined) return { workspace, channelId };
  if (!PERMALINK_TS.test(message)) return undefined;
  return { workspace, channelId, threadTs: `${message.slice(1, -6)}.${message.slice(-6)}` };
}

function clientLink(segments: readonly string[]): Found | undefined {
  const [client, teamId, channelId, thread, threadKey, ...rest] = segments;
  if (client !== 'client' || !teamId || !TEAM_ID.test(teamId) || !channelId || !isSlackChannelId(channelId) || rest.length) return undefined;
  if (thread === undefined) return { workspace: teamId, channelId };
  // ".../thread/C05UTPZRZFY-1733100000.000100"
  const prefix = `${channelId}-`;
  if (thread !== 'thread' || !threadKey?.startsWith(prefix) || !isSlackTs(threadKey.slice(prefix.length))) return undefined;
  return { workspace: teamId, channelId, threadTs: threadKey.slice(prefix.length) };
}

/** 'dsva' for dsva.slack.com and dsva.enterprise.slack.com; undefined for slack.com itself, app.slack.com and other hosts. */
function workspaceOf(host: string): string | undefined {
  const labels = host.split('.');
  const [name, ...domain] = labels;
  const under = domain.join('.');
  if (!name || (under !== 'slack.com' && under !== 'enterprise.slack.com')) return undefined;
  if (name === 'app' || name === 'www' || !SUBDOMAIN.test(name)) return undefined;
  return name;
}

/** Refuses a link to another workspace than the token's: its channel id would mean nothing there, or something else. */
export function checkSameWorkspace(link: SlackChannelLink, auth: SlackAuth): WorkspaceCheck {
  const tokenHost = hostOf(auth.url);
  const tokenWorkspace = tokenHost ? workspaceOf(tokenHost) : undefined;
  const owner = `${auth.team || auth.teamId}${tokenHost ? ` (${tokenHost})` : ''}`;
  if (TEAM_ID.test(link.workspace)) {
    if (link.workspace === auth.teamId) return { ok: true };
    return { ok: false, reason: `The runbook's channel is in the Slack workspace with team id ${link.workspace}, but the Slack token belongs to ${owner}, team id ${auth.teamId}.` };
  }
  if (link.workspace === tokenWorkspace) return { ok: true };
  if (!tokenWorkspace) return { ok: false, reason: `The runbook's channel is in the ${link.workspace} workspace, but Slack did not say which workspace the token belongs to (its address is "${clip(auth.url, 120)}").` };
  return { ok: false, reason: `The runbook's channel is in the ${link.workspace} workspace, but the Slack token belongs to ${owner}.` };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
