import { linkDestination } from '../markdownLinks';
import { clip } from '../text';
import { isSlackChannelId, isSlackTs } from './slackChannelLink';

/** The incident's thread, kept in the record's front matter as `slack: { channel, ts, permalink }`. */
export interface SlackThread {
  readonly channel: string;
  /** The thread's parent message: '1733100000.000100'. */
  readonly ts: string;
  readonly permalink: string;
}

/**
 * The `slack:` value as the yaml library read it, or undefined unless it is that map of strings.
 * An unquoted ts (`ts: 1733100000.000100`) reads as a number that has lost its last digits, so it is refused, not repaired.
 */
export function slackThreadFromFrontMatter(value: unknown): SlackThread | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { channel, ts, permalink } = value as Record<string, unknown>;
  if (typeof channel !== 'string' || !isSlackChannelId(channel)) return undefined;
  if (typeof ts !== 'string' || !isSlackTs(ts)) return undefined;
  if (typeof permalink !== 'string' || !isHttps(permalink)) return undefined;
  return { channel, ts, permalink };
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The `slack:` value to write; yaml quotes the ts, which would otherwise read back as a number. */
export function slackFrontMatterValue(thread: SlackThread): Record<string, string> {
  return { channel: thread.channel, ts: thread.ts, permalink: thread.permalink };
}

export type PostedKind = 'notification' | 'update' | 'resolved';

const POSTED: Readonly<Record<PostedKind, string>> = {
  notification: 'the notification',
  update: 'an update',
  resolved: 'the resolved message',
};

const ENTRY_HEADLINE_MAX = 80;

/**
 * The timeline entry for a posted message, linking it:
 * "Posted the notification to #beneficiary-travel-team: [We're investigating …](permalink)".
 * `firstLine` is the line that says something (not a line of mentions), as the caller picked it.
 */
export function postedEntryText(kind: PostedKind, channelName: string | undefined, permalink: string, firstLine: string): string {
  const channel = channelName?.trim().replace(/^#/, '');
  const where = channel ? `#${escapeLinkText(channel)}` : 'Slack';
  const headline = clip(firstLine.replace(/\s+/g, ' ').trim(), ENTRY_HEADLINE_MAX);
  return `Posted ${POSTED[kind]} to ${where}: [${headline ? escapeLinkText(headline) : 'message'}](${linkDestination(permalink)})`;
}

/** Text that cannot end a Markdown link's text early, open another, start HTML or a code span. */
function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]<>`]/g, (c) => `\\${c}`);
}
