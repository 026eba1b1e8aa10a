import * as vscode from 'vscode';
import { parseSlackChannelLink } from '../../core/slack/slackChannelLink';
import { walk } from '../../core/runbook/model';
import { byUrgency } from '../../core/servicenow/ticketRequests';
import { handOffEdits, handOffSummary } from '../../core/support/handOff';
import { argumentObject } from '../incident/incidentArgument';
import { ShiftError, type ShiftLogs } from './shiftLogs';
import { planUri } from './shiftTreeProvider';
import type { SupportPlans } from './supportPlans';
import type { TicketQueue } from './ticketQueue';

export interface HandOffDeps {
  readonly logs: ShiftLogs;
  readonly plans: SupportPlans;
  readonly queue: TicketQueue;
  readonly slack: { isConnected(): Thenable<boolean>; postToChannel(url: string, label: string, text: string, interactive: boolean): Promise<{ permalink: string } | undefined> };
}

/**
 * `runbook.handOffShift { notes?, post? }`: the shift's summary written under Hand-off in its log (and `ended` set), then
 * offered to copy or, with Slack connected, to post to the plan's support channel. Returns the summary.
 */
export async function handOffShift(deps: HandOffDeps, arg: unknown, now = new Date()): Promise<string | undefined> {
  const args = argumentObject(arg, ['notes', 'post']);
  const shift = await deps.logs.current();
  if (!shift) throw new ShiftError('No shift in progress: run "Runbook: Start Support Shift" first.');
  if (args?.notes !== undefined && typeof args.notes !== 'string') throw new ShiftError('notes: what the next person should know, as text.');
  const open = shift.log.checks.filter((c) => !c.done).length;
  const notes = args ? (args.notes as string | undefined) : await vscode.window.showInputBox({ title: 'Hand Off Shift', prompt: `Anything the next person should know?${open ? ` (${open} check${open === 1 ? '' : 's'} not done: the summary lists them)` : ''}`, ignoreFocusOut: true });
  if (notes === undefined && !args) return undefined;
  const queue = deps.queue.peek();
  const openTickets = queue?.kind === 'loaded' ? [...queue.list.tickets].sort(byUrgency).map((t) => ({ number: t.number, shortDescription: t.shortDescription, state: t.state })) : undefined;
  const summary = handOffSummary({ log: shift.log, endedAt: now, ...(notes?.trim() ? { notes: notes.trim() } : {}), ...(openTickets ? { openTickets } : {}) });
  const written = await deps.logs.edit(shift.uri, (text) => handOffEdits(text, summary, now));
  await deps.logs.setCurrent(undefined);
  if (!args) await showHandOff(written.uri, written.text);
  if (!args) void offerSummary(deps, shift.uri, summary);
  else if (args.post === true) {
    const channel = await supportChannel(deps, shift.uri);
    if (!channel) throw new ShiftError('post: the plan links no Slack channel to post the hand-off to; the summary is in the log.');
    if (!(await deps.slack.postToChannel(channel.url, channel.label, summary, false))) throw new ShiftError('post: Slack is not connected; the summary is in the log.');
  }
  return summary;
}

/** The log at its Hand-off section, in the editor that shows it (else beside), without taking the focus. */
async function showHandOff(uri: vscode.Uri, text: string): Promise<void> {
  const line = text.split('\n').findIndex((l) => /^##\s+Hand-off\b/.test(l));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: true, preview: false });
  if (line >= 0) editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
}

/** Copy, or post to the plan's first Slack channel when Slack is connected (else says what connecting adds). */
async function offerSummary(deps: HandOffDeps, logUri: vscode.Uri, summary: string): Promise<void> {
  const channel = await supportChannel(deps, logUri);
  const connected = await deps.slack.isConnected();
  const copy = 'Copy';
  const post = channel && connected ? `Post to ${channel.label}` : undefined;
  const where = vscode.workspace.asRelativePath(logUri);
  const hint = channel && !connected ? ` Connecting Slack (Runbook: Connect Slack…) posts it to ${channel.label} from here.` : '';
  const answer = await vscode.window.showInformationMessage(`Shift handed off: the summary is in ${where}.${hint}`, ...(post ? [post] : []), copy);
  if (answer === copy) {
    await vscode.env.clipboard.writeText(summary);
    vscode.window.setStatusBarMessage('$(check) Copied the hand-off summary', 5000);
  } else if (answer && answer === post && channel) {
    try {
      const posted = await deps.slack.postToChannel(channel.url, channel.label, summary, true);
      if (posted) vscode.window.setStatusBarMessage(`$(check) Posted the hand-off to ${channel.label}`, 8000);
    } catch (error) {
      await vscode.env.clipboard.writeText(summary);
      void vscode.window.showErrorMessage(`${error instanceof Error ? error.message : String(error)} The summary is on the clipboard.`);
    }
  }
}

/** The team's support channel: the first Slack channel the plan links. */
export async function supportChannel(deps: Pick<HandOffDeps, 'logs' | 'plans'>, logUri: vscode.Uri): Promise<{ url: string; label: string } | undefined> {
  const shift = await deps.logs.read(logUri).catch(() => undefined);
  const plan = shift && (await deps.plans.get(planUri(shift), true).catch(() => undefined));
  for (const node of plan ? walk(plan.runbook.children) : []) {
    if (node.kind === 'link' && parseSlackChannelLink(node.url)) return { url: node.url, label: node.label.startsWith('#') ? node.label : `#${node.label}` };
  }
  return undefined;
}
