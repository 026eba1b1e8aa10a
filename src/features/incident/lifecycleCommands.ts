import * as vscode from 'vscode';
import { readIncident } from '../../core/incident/frontMatter';
import { INCIDENT_STATUSES, type IncidentState, type IncidentStatus, isActive, STATUS_LABELS } from '../../core/incident/incident';
import { closedHistory } from '../../core/incident/incidentHistory';
import { assignRole, entryOnly, incidentRoles, parseResolvedAt, reopen, setSeverity, setStatus, STATUS_HINTS } from '../../core/incident/incidentActions';
import { resolvedNotification } from '../../core/incident/notification';
import { postIncidentChecklist } from '../../core/incident/postIncidentChecklist';
import { runbookRoles } from '../../core/incident/roles';
import type { IDisposable } from '../../core/lifecycle';
import type { TimelineEntry } from '../../core/incident/timeline';
import type { Runbook } from '../../core/runbook/model';
import { clip } from '../../core/text';
import { formatTime } from '../../core/time/formatTime';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { folderSettings } from '../settings';
import { readCurrentText } from '../workspaceFiles';
import { argumentObject, incidentFromArgument } from './incidentArgument';
import { type IncidentStore, isReadable } from './incidentStore';
import { recordAction } from './recordAction';
import { announceRecordChange } from './recordFeedback';
import type { TemplateLoader } from '../templates/templateLoader';
import { resolveIncident, scaffoldPostmortem } from './resolveIncident';
import { loadRunbookForIncident } from './runbookPath';

interface Deps {
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly templates: TemplateLoader;
}

/** The incident a command acts on, as read when the command started (prompts show it; actions re-read the record). */
interface Target {
  readonly uri: vscode.Uri;
  readonly state: IncidentState;
}

const STATUS_ICONS: Readonly<Record<IncidentStatus, string>> = { investigating: 'search', identified: 'target', monitoring: 'eye', resolved: 'pass', declined: 'circle-slash' };
const NOTE_PROMPTS: Readonly<Record<Exclude<IncidentStatus, 'resolved'>, string>> = {
  investigating: 'Why is it back to investigating?',
  identified: 'What is the cause?',
  monitoring: 'What fix is in place, and what are you watching?',
  declined: 'Why is it not an incident?',
};
const OPTIONAL = ' Optional: Enter to leave it out.';
const COPIED_RESOLVED = 'Copied the resolved message';

/**
 * Status, severity, roles, resolve and reopen: each one edit of the record with its timeline
 * entry. With an argument object a command never prompts, returns the updated state, and
 * rejects bad input naming the field; from the palette or a row of the Incident view it prompts.
 */
export function registerLifecycleCommands({ store, discovery, models, templates }: Deps): IDisposable[] {
  async function readState(uri: vscode.Uri): Promise<IncidentState> {
    let text: string;
    try {
      text = await readCurrentText(uri);
    } catch {
      throw new Error(`uri: there is no incident record at ${vscode.workspace.asRelativePath(uri)}`);
    }
    const read = readIncident(text);
    if (!read.ok) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${read.error}`);
    return read.state;
  }

  /** The incident the argument names (a row, a URI, `{ uri }`), else the current one. */
  async function target(arg: unknown): Promise<Target | undefined> {
    const named = incidentFromArgument(arg);
    if (named) return { uri: named, state: await readState(named) };
    const current = await store.current();
    return current && { uri: current.uri, state: current.read.state };
  }

  async function requireTarget(arg: unknown): Promise<Target> {
    const found = await target(arg);
    if (!found) throw new Error('No active incident: start one, or pass the uri of its record.');
    return found;
  }

  async function promptTarget(arg: unknown): Promise<Target | undefined> {
    const found = await target(arg);
    if (!found) void vscode.window.showInformationMessage('No active incident. Start one with "Runbook: Start Incident…".');
    return found;
  }

  async function runbookOf(t: Target): Promise<{ uri: vscode.Uri; runbook: Runbook } | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(t.uri);
    return loadRunbookForIncident(folder && { uri: t.uri, folder, read: { ok: true, state: t.state } }, discovery, models);
  }

  async function changeStatus(t: Target, status: unknown, note: unknown, resolvedAt?: unknown): Promise<IncidentState> {
    if (status === 'resolved') {
      if (note !== undefined && typeof note !== 'string') throw new Error('note: must be text');
      const at = parseResolvedAt(resolvedAt, new Date());
      if ('error' in at) throw new Error(at.error);
      return (await resolve(t, { summary: note ?? '', ...(at.date ? { resolvedAt: at.date } : {}) })).state;
    }
    if (resolvedAt !== undefined) throw new Error('resolvedAt: only a resolve has a resolve time');
    const done = await recordAction(store, t.uri, (s) => setStatus(s, status, note, new Date()), (s) => `${clip(s.title, 40)} is ${STATUS_LABELS[s.status]}`);
    return done.state;
  }

  async function changeSeverity(t: Target, severity: unknown, reason: unknown): Promise<IncidentState> {
    return (await recordAction(store, t.uri, (s) => setSeverity(s, severity, reason, new Date()), (s) => `${clip(s.title, 40)} is Sev ${s.severity}`)).state;
  }

  async function changeRole(t: Target, role: unknown, name: unknown): Promise<IncidentState> {
    const roles = runbookRoles((await runbookOf(t))?.runbook);
    let said = '';
    const update = (s: IncidentState) => {
      const action = assignRole(s, roles, role, name, new Date());
      if (!('error' in action)) said = action.entries[0]?.text ?? '';
      return action;
    };
    return (await recordAction(store, t.uri, update, (s) => `${said} (${clip(s.title, 40)})`)).state;
  }

  async function resolve(t: Target, options: { summary: string; resolvedAt?: Date; moreEntries?: readonly TimelineEntry[] }): Promise<{ state: IncidentState; checklist: boolean }> {
    const found = await runbookOf(t);
    const checklist = found ? postIncidentChecklist(found.runbook, await readCurrentText(found.uri)) : [];
    const { state, line } = await resolveIncident(store, t.uri, { ...options, checklist });
    await announceRecordChange(t.uri, line, `Resolved ${clip(state.title, 40)}: summary${checklist.length ? ', timeline and checklist' : ' and timeline'} written`);
    return { state, checklist: checklist.length > 0 };
  }

  async function copyResolvedMessage(uri: vscode.Uri, state: IncidentState, summary: string): Promise<void> {
    await vscode.env.clipboard.writeText(resolvedNotification(state, summary, new Date(state.resolvedAt ?? Date.now())));
    if (folderSettings(uri).timelineAutomaticEntries) await recordAction(store, uri, (s) => entryOnly(s, COPIED_RESOLVED, new Date()), () => '"Resolved" message copied');
    else vscode.window.setStatusBarMessage('$(check) "Resolved" message copied', 4000);
  }

  async function reopenIncident(uri: vscode.Uri, note: unknown): Promise<IncidentState> {
    const { state } = await recordAction(store, uri, (s) => reopen(s, note, new Date()), (s) => `Reopened ${clip(s.title, 40)}: investigating`);
    await store.setCurrent(uri);
    return state;
  }

  async function promptStatus(t: Target): Promise<IncidentState | undefined> {
    const items = INCIDENT_STATUSES.map((status) => ({ label: `$(${STATUS_ICONS[status]}) ${STATUS_LABELS[status]}`, description: status === t.state.status ? 'current' : '', detail: STATUS_HINTS[status], status }));
    const pick = await vscode.window.showQuickPick(items, { title: `Status of ${clip(t.state.title, 50)}`, placeHolder: `${STATUS_LABELS[t.state.status]} now: which stage is the incident at?` });
    if (!pick) return undefined;
    if (pick.status === t.state.status) {
      void vscode.window.showInformationMessage(`${t.state.title} is already ${STATUS_LABELS[pick.status]}.`);
      return undefined;
    }
    if (pick.status === 'resolved') return promptResolve(t);
    const note = await vscode.window.showInputBox({ title: `${STATUS_LABELS[pick.status]}: ${clip(t.state.title, 50)}`, prompt: NOTE_PROMPTS[pick.status] + OPTIONAL, ignoreFocusOut: true });
    return note === undefined ? undefined : changeStatus(t, pick.status, note);
  }

  async function promptSeverity(t: Target): Promise<IncidentState | undefined> {
    const hints: Record<number, string> = { 1: 'most severe', 4: 'least severe' };
    const items = [1, 2, 3, 4].map((severity) => ({ label: `Sev ${severity}`, description: [severity === t.state.severity ? 'current' : '', hints[severity] ?? ''].filter(Boolean).join(' · '), severity }));
    const pick = await vscode.window.showQuickPick(items, { title: `Severity of ${clip(t.state.title, 50)}`, placeHolder: `Sev ${t.state.severity} now: how severe is it?` });
    if (!pick) return undefined;
    if (pick.severity === t.state.severity) {
      void vscode.window.showInformationMessage(`${t.state.title} is already Sev ${pick.severity}.`);
      return undefined;
    }
    const reason = await vscode.window.showInputBox({ title: `Sev ${t.state.severity} → ${pick.severity}: ${clip(t.state.title, 50)}`, prompt: `Why Sev ${pick.severity}?${OPTIONAL}`, ignoreFocusOut: true });
    return reason === undefined ? undefined : changeSeverity(t, pick.severity, reason);
  }

  async function promptRole(t: Target): Promise<IncidentState | undefined> {
    const roles = incidentRoles(t.state, runbookRoles((await runbookOf(t))?.runbook));
    const items = roles.map((role) => {
      const holder = t.state.roles[role.key];
      return { label: role.label, description: holder ?? (role.contact ? `unassigned · runbook: ${role.contact}` : 'unassigned'), role };
    });
    const pick = await vscode.window.showQuickPick(items, { title: `Roles of ${clip(t.state.title, 50)}`, placeHolder: 'Which role is handed to someone?' });
    if (!pick) return undefined;
    const { role } = pick;
    const holder = t.state.roles[role.key];
    const name = await vscode.window.showInputBox({
      title: `${role.label}: ${clip(t.state.title, 50)}`,
      prompt: holder ? `Who takes over from ${holder}?` : `Who is the ${role.label}?`,
      value: holder ?? role.contact ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => (!value.trim() ? 'A name is required.' : value.trim() === holder ? `${holder} is the ${role.label} already: type who takes over.` : undefined),
    });
    return name === undefined ? undefined : changeRole(t, role.key, name);
  }

  async function promptResolve(t: Target): Promise<IncidentState | undefined> {
    const title = `Resolve: ${clip(t.state.title, 50)}`;
    const summary = await vscode.window.showInputBox({ title, prompt: 'Summary of the incident: what happened and what fixed it', ignoreFocusOut: true });
    if (summary === undefined) return undefined;
    const started = new Date(t.state.startedAt);
    const when = await vscode.window.showInputBox({
      title,
      prompt: 'When was it resolved? Enter for now; or "10 minutes ago", or 2026-03-01 14:05 (local time)',
      placeHolder: 'Now',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = parseResolvedAt(value, new Date());
        if ('error' in parsed) return parsed.error.replace(/^resolvedAt: /, '');
        if (!parsed.date) return undefined;
        if (parsed.date < started) return `${formatTime(parsed.date)} is before the incident started (${formatTime(started)}).`;
        return { message: `Resolved at ${formatTime(parsed.date)}`, severity: vscode.InputBoxValidationSeverity.Info };
      },
    });
    if (when === undefined) return undefined;
    const at = parseResolvedAt(when, new Date());
    if ('error' in at) throw new Error(at.error);
    const { state, checklist } = await resolve(t, { summary, ...(at.date ? { resolvedAt: at.date } : {}) });
    const postmortem = 'Create Post-mortem';
    const copy = 'Copy "Resolved" Message';
    // An incident with a Slack thread is told over there as well: the button is the confirmation.
    const post = state.slack ? 'Post "Resolved" to Slack Thread' : undefined;
    // Not awaited: the command is done; the offer stays in the notification centre until answered.
    void vscode.window.showInformationMessage(`${state.title} is resolved.${checklist ? ' The post-incident checklist is in the record.' : ''}`, postmortem, ...(post ? [post] : []), copy).then(async (choice) => {
      try {
        if (choice === postmortem) await scaffoldPostmortem({ store, models, templates }, t.uri, state, await readCurrentText(t.uri));
        if (choice === copy) await copyResolvedMessage(t.uri, state, summary);
        if (choice && choice === post) await vscode.commands.executeCommand('runbook.postUpdate', { uri: t.uri.toString(), text: resolvedNotification(state, summary, new Date(state.resolvedAt ?? Date.now())) });
      } catch (error) {
        void vscode.window.showErrorMessage(messageOf(error));
      }
    });
    return state;
  }

  async function pickClosed(): Promise<vscode.Uri | undefined> {
    const closed = closedHistory((await store.all()).filter(isReadable).map((e) => ({ uri: e.uri, state: e.read.state })), (c) => c.state, { limit: Number.MAX_SAFE_INTEGER }).recent;
    if (closed.length === 0) {
      void vscode.window.showInformationMessage('No resolved or declined incident to reopen.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      closed.map((c) => ({ label: c.state.title, description: `${STATUS_LABELS[c.state.status]}${c.state.resolvedAt ? ` ${formatTime(new Date(c.state.resolvedAt))}` : ''} · Sev ${c.state.severity}`, uri: c.uri })),
      { title: 'Reopen Incident', placeHolder: 'Which incident is back?' },
    );
    return pick?.uri;
  }

  return [
    vscode.commands.registerCommand('runbook.setIncidentStatus', async (input?: unknown) => {
      const arg = argumentObject(input, ['status', 'note', 'resolvedAt', 'uri']);
      if (arg) return changeStatus(await requireTarget(arg), arg.status, arg.note, arg.resolvedAt);
      return asPerson('set the status', async () => {
        const t = await promptTarget(input);
        return t && promptStatus(t);
      });
    }),

    vscode.commands.registerCommand('runbook.setSeverity', async (input?: unknown) => {
      const arg = argumentObject(input, ['severity', 'reason', 'uri']);
      if (arg) return changeSeverity(await requireTarget(arg), arg.severity, arg.reason);
      return asPerson('set the severity', async () => {
        const t = await promptTarget(input);
        return t && promptSeverity(t);
      });
    }),

    vscode.commands.registerCommand('runbook.assignRole', async (input?: unknown) => {
      const arg = argumentObject(input, ['role', 'name', 'uri']);
      if (arg) return changeRole(await requireTarget(arg), arg.role, arg.name);
      return asPerson('assign the role', async () => {
        const t = await promptTarget(input);
        return t && promptRole(t);
      });
    }),

    vscode.commands.registerCommand('runbook.resolveIncident', async (input?: unknown) => {
      const arg = argumentObject(input, ['summary', 'resolvedAt', 'postmortem', 'notify', 'uri']);
      if (arg) {
        const { summary = '', postmortem, notify } = arg;
        if (typeof summary !== 'string') throw new Error('summary: must be text');
        for (const [field, value] of Object.entries({ postmortem, notify })) if (value !== undefined && typeof value !== 'boolean') throw new Error(`${field}: must be true or false`);
        const at = parseResolvedAt(arg.resolvedAt, new Date());
        if ('error' in at) throw new Error(at.error);
        const t = await requireTarget(arg);
        // Copying the message is part of this one action: its entry goes into the resolve's edit.
        const copied = notify === true ? [{ at: new Date(), text: COPIED_RESOLVED }] : [];
        const { state } = await resolve(t, { summary, moreEntries: copied, ...(at.date ? { resolvedAt: at.date } : {}) });
        if (notify === true) await vscode.env.clipboard.writeText(resolvedNotification(state, summary, new Date(state.resolvedAt ?? Date.now())));
        if (postmortem === true) await scaffoldPostmortem({ store, models, templates }, t.uri, state, await readCurrentText(t.uri));
        return state;
      }
      return asPerson('resolve the incident', async () => {
        const t = await promptTarget(input);
        return t && promptResolve(t);
      });
    }),

    vscode.commands.registerCommand('runbook.reopenIncident', async (input?: unknown) => {
      const arg = argumentObject(input, ['uri', 'note']);
      if (arg) {
        const uri = incidentFromArgument(arg);
        if (!uri) throw new Error('uri: which incident? Give the uri of a resolved or declined record.');
        await readState(uri);
        return reopenIncident(uri, arg.note);
      }
      return asPerson('reopen the incident', async () => {
        const selected = await store.selected();
        const uri = incidentFromArgument(input) ?? (selected?.read.ok && !isActive(selected.read.state) ? selected.uri : await pickClosed());
        if (!uri) return undefined;
        const { title } = await readState(uri);
        const note = await vscode.window.showInputBox({ title: `Reopen: ${clip(title, 50)}`, prompt: `Why is it reopened?${OPTIONAL}`, ignoreFocusOut: true });
        return note === undefined ? undefined : reopenIncident(uri, note);
      });
    }),
  ];
}

/** A person's command: what fails is shown as a message (naming what could not be done) instead of rejecting. */
async function asPerson<T>(what: string, work: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot ${what}: ${messageOf(error)}`);
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
