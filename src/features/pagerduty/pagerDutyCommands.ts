import * as vscode from 'vscode';
import { flattenOnCall, type OnCallRow } from '../../core/pagerduty/onCall';
import { runbookPagerDutyLink } from '../../core/pagerduty/runbookPagerDuty';
import { argumentObject, incidentFromArgument } from '../incident/incidentArgument';
import type { IncidentStore } from '../incident/incidentStore';
import { incidentRunbook } from '../incident/runbookPath';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import { resolveRunbook } from '../incident/runbookPath';
import { type PagerDutyClient } from './pagerDutyClient';
import { PageRefused, type PageResult, type PagerDutyPaging } from './pagerDutyPaging';
import type { OnCallService } from './onCallService';
import type { OnCallRowData } from './onCallRows';
import type { RunbookModels } from '../playbook/runbookModels';

export interface PagerDutyDeps {
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly pagerDuty: PagerDutyClient;
  readonly onCall: OnCallService;
  readonly paging: PagerDutyPaging;
  readonly openLink: (url: string) => Promise<boolean>;
}

export type PagerDutyCommandHandlers = Readonly<Record<(typeof PAGERDUTY_COMMANDS)[number], (input?: unknown) => Promise<unknown>>>;

/** The PagerDuty commands, registered at activation; their handlers load with the rest of PagerDuty, on first use. */
export const PAGERDUTY_COMMANDS = ['runbook.connectPagerDuty', 'runbook.disconnectPagerDuty', 'runbook.getOnCall', 'runbook.page', 'runbook.refreshOnCall', 'runbook.copyOnCallPerson'] as const;

const CONNECT_ADDS = 'Connect PagerDuty ("Runbook: Connect PagerDuty…") to see who is on call in the views and to page from here.';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Connect/Disconnect PagerDuty, Who Is On Call, Page via PagerDuty…, and the actions of the "On call now" rows. */
export function pagerDutyCommands(deps: PagerDutyDeps): PagerDutyCommandHandlers {
  const { pagerDuty, onCall, paging, openLink: openExternalLink } = deps;

  /** The runbook asked about: the argument's, else the current incident's, else the first runbook linking PagerDuty. */
  async function runbookFor(value: unknown): Promise<vscode.Uri | undefined> {
    if (value !== undefined) {
      if (typeof value !== 'string' || !value.trim()) throw new Error('runbook: give the runbook\'s workspace-relative path or URI');
      const uri = /^[a-z][a-z0-9+.-]*:/i.test(value) ? vscode.Uri.parse(value) : resolveRunbook(value, vscode.workspace.workspaceFolders?.[0]);
      if (!uri) throw new Error(`runbook: ${value} is not a runbook of this workspace`);
      return uri;
    }
    const current = incidentRunbook(await deps.store.current());
    if (current) return current;
    for (const file of await deps.discovery.findRunbooks()) {
      const loaded = await deps.models.load(file.uri);
      if (loaded.ok && runbookPagerDutyLink(loaded.runbook)) return file.uri;
    }
    return undefined;
  }

  async function getOnCall(input: unknown): Promise<OnCallRow[] | undefined> {
    const arg = argumentObject(input, ['runbook']);
    const runbook = await runbookFor(arg?.runbook);
    if (!runbook) throw new Error('No runbook of this workspace links PagerDuty (a service, schedule or escalation policy).');
    const view = await onCall.fetch(runbook, true);
    if (!view) throw new Error(`${vscode.workspace.asRelativePath(runbook)} links no PagerDuty service, schedule or escalation policy.`);
    if (view.state === 'disconnected') {
      void vscode.window.showInformationMessage(`PagerDuty is not connected. ${CONNECT_ADDS}`, 'Connect PagerDuty…', 'Open in PagerDuty').then((choice) => {
        if (choice === 'Open in PagerDuty') return openExternalLink(view.link.url);
        return choice && vscode.commands.executeCommand('runbook.connectPagerDuty');
      });
      return undefined;
    }
    if (view.state !== 'ok') throw new Error(view.state === 'error' ? view.message : 'PagerDuty did not answer.');
    const rows = flattenOnCall(view.levels);
    if (!arg) void showOnCall(rows);
    return rows;
  }

  async function page(input: unknown): Promise<PageResult | undefined> {
    const arg = argumentObject(input, ['target', 'message', 'uri', 'fromEmail']);
    const person = personOf(input);
    const target = arg?.target;
    if (target !== undefined && (typeof target !== 'object' || target === null || typeof (target as { userId?: unknown }).userId !== 'string')) throw new Error('target: give { userId: "P…" }, the PagerDuty user to page');
    for (const field of ['message', 'fromEmail'] as const) if (arg?.[field] !== undefined && typeof arg[field] !== 'string') throw new Error(`${field}: must be text`);
    if (typeof arg?.fromEmail === 'string' && !EMAIL.test(arg.fromEmail)) throw new Error(`fromEmail: ${arg.fromEmail} is not an email address`);
    const userId = (target as { userId?: string } | undefined)?.userId ?? person?.userId;
    const uri = incidentFromArgument(arg ?? input);
    const request = { interactive: arg === undefined, ...(uri ? { uri } : {}), ...(userId ? { userId } : {}), ...(typeof arg?.message === 'string' ? { message: arg.message } : {}), ...(typeof arg?.fromEmail === 'string' ? { fromEmail: arg.fromEmail } : {}) };
    try {
      const paged = await paging.page(request);
      if (paged) {
        void vscode.window.showInformationMessage(paged.existing ? `PagerDuty already has an open incident for this record; nobody was paged again: ${paged.url}` : `Paged via PagerDuty: ${paged.url}`, 'Open in PagerDuty').then((choice) => choice && openExternalLink(paged.url));
      } else if (!(await pagerDuty.isConnected())) {
        void vscode.window.showInformationMessage(`PagerDuty is not connected: page from PagerDuty itself. ${CONNECT_ADDS}`, 'Connect PagerDuty…').then((choice) => choice && vscode.commands.executeCommand('runbook.connectPagerDuty'));
      }
      return paged;
    } catch (error) {
      if (arg) throw error instanceof PageRefused ? error : new Error(error instanceof Error ? error.message : String(error));
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  return {
    'runbook.connectPagerDuty': async (input?: unknown) => {
      const arg = argumentObject(input, ['token', 'fromEmail']);
      if (arg) {
        if (typeof arg.token !== 'string' || !arg.token.trim()) throw new Error('token: give a PagerDuty REST API key');
        if (arg.fromEmail !== undefined && (typeof arg.fromEmail !== 'string' || !EMAIL.test(arg.fromEmail))) throw new Error(`fromEmail: ${JSON.stringify(arg.fromEmail)} is not an email address`);
        const result = await pagerDuty.connect(arg.token.trim());
        if (result.ok && typeof arg.fromEmail === 'string') await saveFromEmail(arg.fromEmail);
        return result;
      }
      const key = await vscode.window.showInputBox({
        title: 'Connect PagerDuty',
        prompt: 'A PagerDuty REST API key (Integrations → API Access Keys, or a user key from your profile). Kept in VS Code\'s secret storage; sent only to the PagerDuty API (runbook.pagerduty.apiUrl in your user settings).',
        password: true,
        ignoreFocusOut: true,
      });
      if (!key?.trim()) return undefined;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking the PagerDuty key…' }, () => pagerDuty.connect(key.trim()));
      if (result.ok) void vscode.window.showInformationMessage('PagerDuty connected: the views show who is on call, and "Page via PagerDuty…" pages from here.');
      else void vscode.window.showErrorMessage(`${result.error} The key was not kept.`);
      return result;
    },
    'runbook.disconnectPagerDuty': async () => {
      await pagerDuty.disconnect();
      void vscode.window.showInformationMessage('PagerDuty disconnected: the key is removed.');
    },
    'runbook.getOnCall': getOnCall,
    'runbook.page': page,
    'runbook.refreshOnCall': async () => {
      const runbook = await runbookFor(undefined);
      if (runbook) await onCall.fetch(runbook, true);
    },
    'runbook.copyOnCallPerson': async (input?: unknown) => {
      const person = personOf(input);
      if (!person) return undefined;
      const text = person.email ? `${person.name} <${person.email}>` : person.name;
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`$(check) Copied ${text}`, 4000);
      return text;
    },
  };
}

/** The person of an "On call now" row (either view passes its element, which carries the row's data). */
function personOf(input: unknown): OnCallRowData['person'] | undefined {
  const row = (input as { onCall?: OnCallRowData } | undefined)?.onCall;
  return typeof input === 'object' && input !== null && 'type' in input ? row?.person : undefined;
}

async function saveFromEmail(email: string): Promise<void> {
  await vscode.workspace.getConfiguration('runbook').update('pagerduty.fromEmail', email, vscode.ConfigurationTarget.Global);
}

async function showOnCall(rows: readonly OnCallRow[]): Promise<void> {
  if (rows.length === 0) {
    void vscode.window.showInformationMessage('PagerDuty lists nobody on call for this runbook now.');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    rows.map((r) => ({ label: `Level ${r.level}: ${r.name}`, description: r.until ? `until ${new Date(r.until).toLocaleString()}` : 'always on call', detail: r.email, row: r })),
    { title: 'On call now (PagerDuty)', placeHolder: 'Choose someone to copy their name and email' },
  );
  if (!pick) return;
  const text = pick.row.email ? `${pick.row.name} <${pick.row.email}>` : pick.row.name;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Copied ${text}`, 4000);
}
