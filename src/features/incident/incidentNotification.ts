import * as vscode from 'vscode';
import type { IncidentState } from '../../core/incident/incident';
import { composeNotification, copiedEntryText, type FilledNotification, findNotificationTemplate } from '../../core/incident/notification';
import type { NotificationVariant } from '../../core/incident/notificationVariant';
import type { LinkNode } from '../../core/runbook/model';
import { clip } from '../../core/text';
import { formatClock } from '../../core/time/formatTime';
import { openExternalLink } from '../openExternalLink';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { folderSettings } from '../settings';
import type { IncidentEntry, IncidentStore } from './incidentStore';
import { recordAction } from './recordAction';
import { loadRunbookForIncident } from './runbookPath';

export interface NotificationSources {
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
}

/** A message filled for an incident, now: the incident, the text, and the channel the runbook names. */
export interface ComposedNotification {
  readonly uri: vscode.Uri;
  readonly state: IncidentState;
  readonly variant: NotificationVariant;
  readonly filled: FilledNotification;
  readonly channel?: LinkNode;
  /** Whether the runbook has a template for the first message. */
  readonly hasTemplate: boolean;
}

export const NO_TEMPLATE = 'The runbook has no notification template: a code block in its Notify (or Communicate) step.';

/** The incident a command acts on: the record given, else the current one. */
export async function notificationIncident(store: IncidentStore, uri?: vscode.Uri): Promise<(IncidentEntry & { read: { ok: true; state: IncidentState } }) | undefined> {
  if (!uri) return store.current();
  const entry = (await store.all()).find((e) => e.uri.toString() === uri.toString());
  return entry?.read.ok ? (entry as IncidentEntry & { read: { ok: true; state: IncidentState } }) : undefined;
}

/** Fills the variant for the incident of `uri` as it stands; undefined when the record is gone or unreadable. */
export async function composeFor(sources: NotificationSources, uri: vscode.Uri, variant: NotificationVariant, now = new Date()): Promise<ComposedNotification | undefined> {
  const entry = await notificationIncident(sources.store, uri);
  if (!entry) return undefined;
  const loaded = await loadRunbookForIncident(entry, sources.discovery, sources.models);
  const template = loaded && findNotificationTemplate(loaded.runbook);
  const filled = composeNotification(variant, template?.text, entry.read.state, now);
  if (!filled) return undefined;
  return { uri: entry.uri, state: entry.read.state, variant, filled, hasTemplate: template !== undefined, ...(template?.channel ? { channel: template.channel } : {}) };
}

/**
 * Copies the message as given (edited or not) and notes it in the record's timeline, in one edit,
 * with its first line; then opens the channel when asked. Returns what was done, for a person to read.
 */
export async function copyMessage(store: IncidentStore, uri: vscode.Uri, variant: NotificationVariant, text: string, channel?: LinkNode, openChannel = false): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  const now = new Date();
  const what = variant === 'update' ? 'Update' : 'Notification';
  const where = channel ? `paste it in ${channel.label}` : 'paste it in the channel';
  let said = `${what} copied at ${formatClock(now)}: ${where}.`;
  if (folderSettings(uri).timelineAutomaticEntries) {
    try {
      await recordAction(store, uri, (state) => ({ state, entries: [{ at: now, text: copiedEntryText(text, variant) }] }), (state) => `${what} copied; noted in the timeline of ${clip(state.title, 40)}`);
      said += " Noted in the record's timeline.";
    } catch (error) {
      // The text is in the clipboard all the same: say why the record did not change.
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showWarningMessage(`${what} copied, but not noted in the timeline: ${reason}`);
      said += ` Not noted in the timeline: ${reason}`;
    }
  } else {
    vscode.window.setStatusBarMessage(`$(check) ${what} copied`, 4000);
  }
  // Not awaited: code-server asks the person before opening, and the answer may never come.
  if (openChannel && channel) void openExternalLink(channel.url);
  return said;
}
