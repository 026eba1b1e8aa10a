import { clip } from '../text';

/** Slack cuts a message's text beyond this many characters. */
export const MAX_SLACK_TEXT = 40000;

/** Text as Slack shows it literally: `&`, `<` and `>` are the only characters its mrkdwn needs escaped. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The arguments of `chat.postMessage`. */
export interface SlackMessageRequest {
  readonly channel: string;
  readonly text: string;
  readonly thread_ts?: string;
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

/**
 * `text` is mrkdwn already (see resolveMentions), sent as it is. No `link_names`: mentions are
 * resolved to ids before, so Slack never guesses who "@mark" is. No unfurls: an incident
 * message should not grow previews of every dashboard it links.
 */
export function slackMessageRequest(message: { readonly channel: string; readonly text: string; readonly threadTs?: string }): SlackMessageRequest {
  return {
    channel: message.channel,
    text: message.text,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
  };
}

const MAX_NAMED_FIELD = 80;

/** Why `text` cannot be posted as it is, or undefined when it can. */
export function checkSlackText(text: string): string | undefined {
  if (!text.trim()) return 'The message is empty.';
  const fields = unfilledFields(text);
  const [first] = fields;
  if (first !== undefined) {
    const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
    return `The message still has a field to fill in: "${clip(first, MAX_NAMED_FIELD)}"${more}. Replace each ⟦…?⟧ before posting.`;
  }
  if (text.length > MAX_SLACK_TEXT) {
    return `The message is ${text.length.toLocaleString('en-US')} characters long; Slack takes at most ${MAX_SLACK_TEXT.toLocaleString('en-US')}.`;
  }
  return undefined;
}

/** The `⟦name?⟧` marks (unfilledMark) in `text`: where each starts and ends, and the name it holds. */
export function unfilledMarks(text: string): { readonly start: number; readonly end: number; readonly name: string }[] {
  const marks: { start: number; end: number; name: string }[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('⟦', from);
    if (open < 0) break;
    const close = text.indexOf('⟧', open + 1);
    if (close < 0) break;
    // The innermost opening, so "⟦ ⟦x?⟧" finds "⟦x?⟧"; each stretch is searched once either way.
    const start = text.lastIndexOf('⟦', close);
    if (close - 1 > start && text[close - 1] === '?') marks.push({ start, end: close + 1, name: text.slice(start + 1, close - 1) });
    from = close + 1;
  }
  return marks;
}

function unfilledFields(text: string): string[] {
  return unfilledMarks(text).map((m) => m.name.replace(/\s+/g, ' ').trim() || 'unnamed field');
}
