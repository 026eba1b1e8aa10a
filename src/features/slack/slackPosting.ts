import * as vscode from 'vscode';
import { type NotificationVariant } from '../../core/incident/notificationVariant';
import { messageHeadline } from '../../core/incident/notification';
import type { LinkNode } from '../../core/runbook/model';
import { resolveMentions } from '../../core/slack/mentions';
import { checkSameWorkspace, parseSlackChannelLink, type SlackChannelLink } from '../../core/slack/slackChannelLink';
import { postedEntryText, type SlackThread } from '../../core/slack/slackRecord';
import { checkSlackText, slackMessageRequest } from '../../core/slack/slackText';
import { clip } from '../../core/text';
import type * as IncidentNotification from '../incident/incidentNotification';
import { recordAction } from '../incident/recordAction';
import { type SlackAuth, type SlackClient, SlackError } from './slackClient';

/** What goes to Slack: the first message (a new thread), an update in its thread, or the resolved message there. */
export type PostKind = 'notification' | 'update' | 'resolved';

export interface PostResult {
  readonly channel: string;
  readonly ts: string;
  readonly permalink: string;
}

/** What the notification preview shows about Slack for the incident and text it holds. */
export interface SlackStatus {
  readonly connected: boolean;
  /** "DSVA"; set once the token was checked. */
  readonly workspace?: string;
  /** The incident's thread, once the first message is posted. */
  readonly thread?: string;
  /** Why posting would be refused ("the runbook links no Slack channel"), before the person tries. */
  readonly problem?: string;
  /** The mentions of the text that will notify, and those that stay text. */
  readonly mentions?: { readonly resolved: readonly string[]; readonly unresolved: readonly string[] };
}

export interface PostRequest {
  readonly uri?: vscode.Uri;
  readonly kind: PostKind;
  /** The text to post; else the message filled from the incident. */
  readonly text?: string;
  /** A person asked (the palette, a button): confirm first. Automation (an argument object) never prompts. */
  readonly interactive: boolean;
}

const KIND_WORDS: Readonly<Record<PostKind, string>> = { notification: 'the notification', update: 'the update', resolved: 'the resolved message' };

/** Why a post cannot go ahead; the text stays with the person (in the clipboard). */
export class PostRefused extends Error {}

/**
 * Posts incident messages to the runbook's Slack channel: the first one starts the incident's thread (kept
 * in the record's front matter), the others go into it. Mentions are resolved against the workspace's people
 * and groups; each post is one edit of the record (front matter and timeline entry with its permalink).
 */
export class SlackPosting {
  private readonly compose: typeof IncidentNotification.composeFor;
  private readonly incidentOf: typeof IncidentNotification.notificationIncident;

  constructor(
    private readonly sources: IncidentNotification.NotificationSources,
    notifications: Pick<typeof IncidentNotification, 'composeFor' | 'notificationIncident'>,
    readonly slack: SlackClient,
  ) {
    this.compose = notifications.composeFor;
    this.incidentOf = notifications.notificationIncident;
  }

  /** What posting this text would do, for the preview; never prompts and never throws. */
  async status(uri: vscode.Uri, text: string): Promise<SlackStatus> {
    if (!(await this.slack.isConnected())) return { connected: false };
    const incident = await this.incidentOf(this.sources.store, uri);
    const thread = incident?.read.state.slack?.permalink;
    try {
      const auth = await this.slack.auth();
      const workspace = auth?.team;
      const target = await this.channel(uri, auth);
      const { directory } = await this.slack.directory();
      const mentions = resolveMentions(text, directory);
      return { connected: true, ...(workspace ? { workspace } : {}), ...(thread ? { thread } : {}), ...('problem' in target ? { problem: target.problem } : {}), mentions: { resolved: mentions.resolved.map((m) => m.mention), unresolved: mentions.unresolved } };
    } catch (error) {
      return { connected: true, ...(thread ? { thread } : {}), problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Posts and records the post; undefined when there is no token or the person cancelled. Throws
   * (PostRefused or SlackError, naming the problem) when it cannot post; the record is then unchanged.
   */
  async post(request: PostRequest): Promise<PostResult | undefined> {
    const incident = await this.incidentOf(this.sources.store, request.uri);
    if (!incident) throw new PostRefused('No active incident. Start one with "Runbook: Start Incident…".');
    if (!(await this.slack.isConnected())) return undefined;
    const state = incident.read.state;
    const thread = state.slack;
    if (request.kind === 'notification' && thread) throw new PostRefused(`The notification was already posted (${thread.permalink}); post updates into its thread with "Runbook: Post Update…".`);
    if (request.kind !== 'notification' && !thread) throw new PostRefused('The incident has no Slack thread yet: post the notification first ("Runbook: Post Notification to Slack…").');
    const text = request.text ?? (await this.filledText(incident.uri, request.kind === 'notification' ? 'first' : 'update'));
    const problem = checkSlackText(text);
    if (problem) throw new PostRefused(problem);
    const auth = await this.slack.auth();
    const target = await this.channel(incident.uri, auth);
    if ('problem' in target) throw new PostRefused(target.problem);
    const channelId = thread?.channel ?? target.link.channelId;
    const { directory, complete } = await this.slack.directory();
    const mentions = resolveMentions(text, directory);
    if (request.interactive && !(await confirm(request.kind, target.label, auth, mentions, complete))) return undefined;
    const what = { action: `post ${KIND_WORDS[request.kind]}`, channel: target.label, idempotent: false };
    const posted = await this.slack.call('chat.postMessage', { ...slackMessageRequest({ channel: channelId, text: mentions.text, ...(thread ? { threadTs: thread.ts } : {}) }) }, what);
    const ts = String(posted?.ts ?? '');
    const channel = String(posted?.channel ?? channelId);
    const permalink = await this.permalink(channel, ts, target);
    const firstLine = messageHeadline(text) ?? '';
    await recordAction(
      this.sources.store,
      incident.uri,
      (current) => ({ state: request.kind === 'notification' ? { ...current, slack: { channel, ts, permalink } satisfies SlackThread } : current, entries: [{ at: new Date(), text: postedEntryText(request.kind, target.label, permalink, firstLine) }] }),
      (current) => `Posted ${KIND_WORDS[request.kind]} to ${target.label}; noted in ${clip(current.title, 40)}`,
    );
    return { channel, ts, permalink };
  }

  /**
   * A message of no incident (a support shift's hand-off) to a channel a plan links, checked against the token's
   * workspace; confirmed first when a person asked. Undefined when Slack is not connected or the person declined.
   */
  async postToChannel(url: string, label: string, text: string, interactive: boolean): Promise<PostResult | undefined> {
    if (!(await this.slack.isConnected())) return undefined;
    const link = parseSlackChannelLink(url);
    if (!link) throw new PostRefused(`${url} is not a Slack channel link (https://WORKSPACE.slack.com/archives/C0123ABCD): copy the message instead.`);
    const problem = checkSlackText(text);
    if (problem) throw new PostRefused(problem);
    const auth = await this.slack.auth();
    if (auth) {
      const same = checkSameWorkspace(link, auth);
      if (!same.ok) throw new PostRefused(same.reason);
    }
    const channelLabel = label.startsWith('#') ? label : `#${label}`;
    const { directory, complete } = await this.slack.directory();
    const mentions = resolveMentions(text, directory);
    if (interactive && !(await confirmPost(`Post the hand-off to ${channelLabel}${auth?.team ? ` (${auth.team})` : ''}?`, mentions, complete, 'Post'))) return undefined;
    const posted = await this.slack.call('chat.postMessage', { ...slackMessageRequest({ channel: link.channelId, text: mentions.text }) }, { action: 'post the hand-off', channel: channelLabel, idempotent: false });
    const ts = String(posted?.ts ?? '');
    const channel = String(posted?.channel ?? link.channelId);
    return { channel, ts, permalink: await this.permalink(channel, ts, { link }) };
  }

  private async filledText(uri: vscode.Uri, variant: NotificationVariant): Promise<string> {
    const composed = await this.compose(this.sources, uri, variant);
    if (!composed) throw new PostRefused('The runbook has no notification template: a code block in its Notify (or Communicate) step.');
    return composed.filled.text;
  }

  /** The runbook's Slack channel, checked against the token's workspace. */
  private async channel(uri: vscode.Uri, auth: SlackAuth | undefined): Promise<{ link: SlackChannelLink; label: string } | { problem: string }> {
    const composed = await this.compose(this.sources, uri, 'first');
    const node: LinkNode | undefined = composed?.channel;
    const link = node && parseSlackChannelLink(node.url);
    if (!node || !link) return { problem: "The runbook's Notify step links no Slack channel (a link such as https://WORKSPACE.slack.com/archives/C0123ABCD): copy the message instead." };
    if (auth) {
      const same = checkSameWorkspace(link, auth);
      if (!same.ok) return { problem: same.reason };
    }
    return { link, label: node.label.startsWith('#') ? node.label : `#${node.label}` };
  }

  /** Slack's permalink of the post; the archive address built from its ts when Slack cannot say. */
  private async permalink(channel: string, ts: string, target: { link: SlackChannelLink }): Promise<string> {
    try {
      const answer = await this.slack.call('chat.getPermalink', { channel, message_ts: ts }, { action: 'read the link of the post', idempotent: true });
      if (typeof answer?.permalink === 'string' && answer.permalink) return answer.permalink;
    } catch (error) {
      if (!(error instanceof SlackError)) throw error;
    }
    // An app.slack.com link names its workspace by team id (T…, E…), which is no host.
    const host = /^[TE][A-Z0-9]+$/.test(target.link.workspace) ? 'app.slack.com' : `${target.link.workspace}.slack.com`;
    return `https://${host}/archives/${channel}/p${ts.replace('.', '')}`;
  }
}

async function confirm(kind: PostKind, channel: string, auth: SlackAuth | undefined, mentions: ReturnType<typeof resolveMentions>, complete: boolean): Promise<boolean> {
  const where = `${channel}${auth?.team ? ` (${auth.team})` : ''}`;
  return confirmPost(`Post ${KIND_WORDS[kind]} to ${where}?`, mentions, complete, kind === 'notification' ? 'Post' : 'Post to Thread');
}

async function confirmPost(question: string, mentions: ReturnType<typeof resolveMentions>, complete: boolean, post: string): Promise<boolean> {
  const lines = [
    mentions.resolved.length ? `Notifies ${mentions.resolved.map((m) => m.mention).join(', ')}.` : 'Mentions nobody.',
    ...(mentions.unresolved.length ? [`Not found in Slack, posted as plain text: ${mentions.unresolved.join(', ')}.`] : []),
    ...(complete ? [] : ["Slack's list of people was cut short: some mentions may not have been found."]),
  ];
  const answer = await vscode.window.showWarningMessage(question, { modal: true, detail: lines.join('\n') }, post);
  return answer === post;
}
