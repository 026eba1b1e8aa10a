import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { collectDashboards } from '../../core/dashboards/collectDashboards';
import { rewriteTimeWindow } from '../../core/dashboards/timeWindow';
import { checkOpenable } from '../../core/runbook/links';
import { addCheckNoteEdits, renderShiftLog, shiftLogFileName, tickCheckEdits } from '../../core/support/shiftLog';
import { formatSpan, formatTime } from '../../core/time/formatTime';
import { argumentObject } from '../incident/incidentArgument';
import { folderSettings } from '../settings';
import type { CheckElement } from './shiftTreeProvider';
import { type LoadedShift, ShiftError, type ShiftLogs } from './shiftLogs';
import { type LoadedSupportPlan, planUriOf, type SupportPlans } from './supportPlans';

/** Opening more dashboards than this asks first, as the incident's Open All Dashboards does. */
const ASK_BEFORE_OPENING_MORE_THAN = 3;
const DAY_MS = 24 * 60 * 60_000;
const ENGINEER_KEY = 'runbook.support.engineer';

export interface ShiftDeps {
  readonly plans: SupportPlans;
  readonly logs: ShiftLogs;
  readonly globalState: vscode.Memento;
  readonly openLink: (url: string) => Promise<boolean>;
}

/** `runbook.startSupportShift { plan?, engineer?, openDashboards? }`: the log's URI. Without an argument it asks what it needs. */
export async function startSupportShift(deps: ShiftDeps, arg: unknown, now = new Date()): Promise<string | undefined> {
  const fromPlaybook = playbookPlan(arg);
  const args = fromPlaybook ? { plan: fromPlaybook } : argumentObject(arg, ['plan', 'engineer', 'openDashboards']);
  const interactive = !args || fromPlaybook !== undefined;
  const current = await deps.logs.current();
  if (current) {
    if (!interactive) return current.uri.toString();
    const open = 'Open Its Log';
    const handOff = 'Hand Off Shift…';
    const answer = await vscode.window.showInformationMessage(`A shift is in progress (${vscode.workspace.asRelativePath(current.uri)}, started by ${current.log.engineer}). Hand it off before starting another.`, open, handOff);
    if (answer === open) await vscode.window.showTextDocument(current.uri, { preview: false });
    if (answer === handOff) await vscode.commands.executeCommand('runbook.handOffShift');
    return current.uri.toString();
  }
  const plan = await choosePlan(deps.plans, args?.plan, interactive);
  if (!plan) return undefined;
  const engineer = await chooseEngineer(deps.globalState, args?.engineer, interactive);
  if (!engineer) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(plan.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new ShiftError('Open the repository that holds the support plan as a workspace folder: the shift log is written there.');
  if (!plan.checks.length) throw new ShiftError(`${vscode.workspace.asRelativePath(plan.uri)} has no checks to make (imperative bullets such as "Check …", dashboards, channels): nothing was written.`);
  const lastEnded = await deps.logs.lastEnded(folder);
  const since = lastEnded ?? new Date(now.getTime() - DAY_MS);
  const planPath = vscode.workspace.asRelativePath(plan.uri, false);
  const text = renderShiftLog({ planPath, planTitle: plan.title, planLinkFromLog: linkFromLog(folder, planPath), engineer, started: now, checks: plan.checks });
  const uri = await deps.logs.create(folder, shiftLogFileName(now, engineer), text);
  await deps.globalState.update(ENGINEER_KEY, engineer);
  const opened = args?.openDashboards === false ? [] : await openShiftDashboards(deps, plan, { from: since, to: now }, interactive);
  if (interactive) {
    // Beside what the person has open; in an empty editor area, there (not in a second, empty group).
    await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true, viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
    await vscode.commands.executeCommand('runbook.shift.focus');
  }
  const window = lastEnded ? `since the last shift ended (${formatTime(lastEnded, { now })})` : 'for the last 24 hours';
  vscode.window.setStatusBarMessage(`$(check) Shift started: ${plan.checks.length} checks${opened.length ? `; ${opened.length} dashboard${opened.length === 1 ? '' : 's'} opened ${window}` : ''}`, 15_000);
  return uri.toString();
}

/** The plan's URI when the command comes from its row in the Playbook view (the row's element is the argument). */
function playbookPlan(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object' || (arg as { type?: unknown }).type !== 'runbook') return undefined;
  const uri = (arg as { file?: { uri?: unknown } }).file?.uri;
  return uri instanceof vscode.Uri ? uri.toString() : undefined;
}

/** The shift log's link to the plan, relative to the log's folder, as a Markdown preview (or GitHub) resolves it. */
function linkFromLog(folder: vscode.WorkspaceFolder, planPath: string): string {
  const depth = (folderSettings(folder).supportFolder || 'support').split('/').filter((part) => part && part !== '.').length;
  return `${'../'.repeat(depth)}${planPath.split('/').map(encodeURIComponent).join('/')}`;
}

async function choosePlan(plans: SupportPlans, given: unknown, interactive: boolean): Promise<LoadedSupportPlan | undefined> {
  if (given !== undefined) {
    if (typeof given !== 'string') throw new ShiftError('plan: the support plan\'s URI or workspace path, as text.');
    const uri = planUriOf(given);
    const plan = uri && (await plans.get(uri, true));
    if (!plan) throw new ShiftError(`plan: ${given} is not a runbook that can be read.`);
    return plan;
  }
  const all = await plans.all();
  if (all.length === 1 || (!interactive && all[0])) return all[0];
  if (!all.length) {
    if (!interactive) throw new ShiftError('No support plan in the workspace: a runbook with "Hours of Support" or "Support Tasks" (or run this with { plan }).');
    // None reads as one: any runbook can be chosen as the shift's plan.
    const runbooks = await plans.candidates();
    const chosen = await vscode.window.showQuickPick(runbooks.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Start Support Shift', placeHolder: 'No runbook reads as a support plan (Hours of Support, Support Tasks): which one is the shift\'s plan?' });
    return chosen && plans.get(chosen.uri, true);
  }
  const picked = await vscode.window.showQuickPick(
    all.map((p) => ({ label: p.title, description: vscode.workspace.asRelativePath(p.uri), plan: p })),
    { title: 'Start Support Shift', placeHolder: 'Which support plan?' },
  );
  return picked?.plan;
}

async function chooseEngineer(state: vscode.Memento, given: unknown, interactive: boolean): Promise<string | undefined> {
  if (given !== undefined && (typeof given !== 'string' || !given.trim())) throw new ShiftError('engineer: who is on the shift, as text.');
  const remembered = state.get<string>(ENGINEER_KEY);
  const fallback = remembered ?? safeUserName();
  if (typeof given === 'string') return given.trim();
  if (!interactive || remembered) return fallback;
  const name = await vscode.window.showInputBox({ title: 'Start Support Shift', prompt: 'Your name, as the shift log and the hand-off show it (asked once)', value: fallback, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Write a name') });
  return name?.trim() || undefined;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'support';
  } catch {
    return 'support';
  }
}

/** The plan's dashboards at the window since the last shift ended; asks first when there are many (a person asked). */
async function openShiftDashboards(deps: ShiftDeps, plan: LoadedSupportPlan, window: { from: Date; to: Date }, interactive: boolean): Promise<string[]> {
  const planned = collectDashboards(plan.runbook, []).flatMap((link) => {
    const rewrite = rewriteTimeWindow(link.url, window);
    const decision = checkOpenable(rewrite.url);
    return decision.ok && !decision.url.startsWith('mailto:') ? [{ label: link.label, url: decision.url }] : [];
  });
  if (interactive && planned.length > ASK_BEFORE_OPENING_MORE_THAN) {
    const open = `Open ${planned.length} Dashboards`;
    const span = formatSpan(window.from, window.to, { now: window.to });
    const answer = await vscode.window.showInformationMessage(`Open the plan's ${planned.length} dashboards since the last shift?`, { modal: true, detail: `Each opens at ${span}: ${planned.map((p) => p.label).join(', ')}.` }, open);
    if (answer !== open) return [];
  }
  const opened: string[] = [];
  for (const dashboard of planned) if (await deps.openLink(dashboard.url)) opened.push(dashboard.url);
  return opened;
}

/** A check's box ticked or cleared in the view: one edit of the shift's log (never of the plan). */
export async function tickCheck(logs: ShiftLogs, element: CheckElement, done: boolean, now = new Date()): Promise<void> {
  const written = await logs.edit(element.shift.uri, (text) => tickCheckEdits(text, element.check.id, done, now));
  const counted = written.log.checks.filter((c) => c.done).length;
  vscode.window.setStatusBarMessage(`$(check) ${done ? 'Done' : 'Not done'}: ${element.planCheck?.text ?? element.check.text} (${counted} of ${written.log.checks.length} checks) in ${vscode.workspace.asRelativePath(element.shift.uri)}`, 5000);
}

/** `runbook.tickShiftCheck { check, done }` for automation: the check by id or text. */
export async function tickCheckById(logs: ShiftLogs, arg: unknown): Promise<LoadedShift> {
  const args = argumentObject(arg, ['check', 'done']);
  if (!args || typeof args.check !== 'string') throw new ShiftError('check: the check\'s id or text.');
  const shift = await logs.current();
  if (!shift) throw new ShiftError('No shift in progress: run "Runbook: Start Support Shift" first.');
  const wanted = args.check.trim().toLowerCase();
  const check = shift.log.checks.find((c) => c.id === args.check || c.text.toLowerCase().includes(wanted));
  if (!check) throw new ShiftError(`check: "${args.check}" is not a check of this shift.`);
  return logs.edit(shift.uri, (text) => tickCheckEdits(text, check.id, args.done !== false, new Date()));
}

/** Add Note to Check…: the person's note under the check in the log. */
export async function noteCheck(logs: ShiftLogs, element: CheckElement | undefined): Promise<void> {
  if (element?.type !== 'check') return;
  const note = await vscode.window.showInputBox({ title: `Note on: ${element.planCheck?.text ?? element.check.text}`, prompt: 'What you saw (kept in the shift log and the hand-off)', ignoreFocusOut: true });
  if (!note?.trim()) return;
  await logs.edit(element.shift.uri, (text) => addCheckNoteEdits(text, element.check.id, note.trim()));
  vscode.window.setStatusBarMessage(`$(check) Noted in ${vscode.workspace.asRelativePath(element.shift.uri)}`, 5000);
}
