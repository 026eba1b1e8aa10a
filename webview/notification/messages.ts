// Messages between the notification preview (browser) and the extension: the only shapes either side sends.

import { isNotificationVariant, type NotificationVariant } from '../../src/core/incident/notificationVariant';

export type Variant = NotificationVariant;

/** A mark the filling leaves for a field it could not fill (`unfilledMark`: ⟦…?⟧); no nested brackets or line breaks, so one pass finds each. */
export const UNFILLED_MARK = /⟦[^⟦⟧\n]*⟧/g;

/** What the panel shows: the incident's facts, the message to post and where. */
export interface NotificationView {
  readonly variant: Variant;
  /** False when the runbook has no notification template: only the update can be written. */
  readonly firstAvailable: boolean;
  readonly title: string;
  /** "Sev 2". */
  readonly severity: string;
  /** "Identified". */
  readonly status: string;
  /** "started 14:05 CET, 45m ago". */
  readonly started: string;
  /** The record's workspace-relative path; a click opens it. */
  readonly record: string;
  /** The channel the runbook names ("#parcel-incidents"), when it links one. */
  readonly channel?: string;
  /** The text the textarea shows: the person's edits, else the freshly filled message. */
  readonly text: string;
  /** True when `text` holds the person's edits (kept across refreshes until copied). */
  readonly edited: boolean;
  /** Each mark the filling left, with the name of its field, to list what is still to fill in. */
  readonly marks: readonly { readonly mark: string; readonly label: string }[];
  /** Posting to Slack: undefined while not connected (Copy is the way, and the panel says what connecting adds). */
  readonly slack?: SlackView;
}

/** What posting the text to Slack would do. */
export interface SlackView {
  /** "Post to #beneficiary-travel-team" or "Post to Thread"; absent when posting is refused (`problem` says why). */
  readonly action?: string;
  readonly problem?: string;
  /** The mentions that will notify, and those Slack does not know (posted as plain text). */
  readonly notifies: readonly string[];
  readonly unresolved: readonly string[];
  /** The incident's thread, once its first message is posted. */
  readonly thread?: string;
}

export type ToWebview =
  /** `replace`: put the view's text in the textarea even over what the person is typing (a command, Refill, another variant); else only the facts change. */
  | { readonly type: 'show'; readonly view: NotificationView; readonly replace: boolean }
  /** The answer to `copy` or `post`: what was done (or why not), to confirm in the panel. */
  | { readonly type: 'copied'; readonly message: string; readonly error?: boolean }
  /** What posting would do for the text as edited now. */
  | { readonly type: 'slack'; readonly slack: SlackView | undefined };

export type FromWebview =
  | { readonly type: 'ready' }
  /** The person edited the message: the extension keeps the text, so a refresh or a reload keeps it too. */
  | { readonly type: 'edit'; readonly variant: Variant; readonly text: string }
  /** Back to the message filled from the incident, dropping the edits. */
  | { readonly type: 'refill'; readonly variant: Variant }
  | { readonly type: 'variant'; readonly variant: Variant }
  | { readonly type: 'copy'; readonly variant: Variant; readonly text: string; readonly openChannel: boolean }
  /** Post the text to Slack: the first message starts the thread, an update goes into it. */
  | { readonly type: 'post'; readonly variant: Variant; readonly text: string }
  /** Open the incident's Slack thread. */
  | { readonly type: 'openThread' }
  | { readonly type: 'openRecord' };


/** Whether a message received from the webview has one of the shapes above (anything else is ignored). */
export function isFromWebview(message: unknown): message is FromWebview {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'openRecord':
    case 'openThread':
      return true;
    case 'refill':
    case 'variant':
      return isNotificationVariant(m.variant);
    case 'edit':
    case 'post':
      return isNotificationVariant(m.variant) && typeof m.text === 'string';
    case 'copy':
      return isNotificationVariant(m.variant) && typeof m.text === 'string' && typeof m.openChannel === 'boolean';
    default:
      return false;
  }
}
