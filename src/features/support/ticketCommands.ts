import * as vscode from 'vscode';
import { itemHash } from '../../core/followUps/actionItems';
import { newIssueUrl, repoName } from '../../core/followUps/issueRefs';
import { gitHubWebHost } from '../../core/templates/templateSource';
import { githubBaseUrl } from '../changes/githubClient';
import { runbookIssueTemplates } from '../../core/followUps/runbookIssueTemplates';
import type { Ticket } from '../../core/servicenow/ticketRequests';
import { readPatchedState, resolveBody, type ResolveFields, workNoteBody } from '../../core/servicenow/ticketRequests';
import { addTicketEdits, markTicketResolvedEdits } from '../../core/support/shiftLog';
import { formatTime } from '../../core/time/formatTime';
import type { FollowUps } from '../followUps/followUps';
import { argumentObject } from '../incident/incidentArgument';
import { type ServiceNowClient, ServiceNowError } from '../servicenow/serviceNowClient';
import { folderSettings } from '../settings';
import { ShiftError, type ShiftLogs } from './shiftLogs';
import { type LoadedSupportPlan, planUriOf, type SupportPlans } from './supportPlans';
import type { TicketQueue } from './ticketQueue';
import { fixMerged, type TicketElement, type TicketsTreeProvider } from './ticketsTreeProvider';

const RESOLVE_FIELDS_KEY = 'runbook.servicenow.resolveFields';
/** The incident table's close codes (ServiceNow's base system choices). */
const INCIDENT_CLOSE_CODES = ['Solution provided', 'Workaround provided', 'Resolved by change', 'Resolved by problem', 'Resolved by caller', 'Known error', 'Duplicate', 'No resolution provided'];

export interface TicketDeps {
  readonly plans: SupportPlans;
  readonly queue: TicketQueue;
  readonly tree: TicketsTreeProvider;
  readonly logs: ShiftLogs;
  readonly client: ServiceNowClient;
  readonly followUps: Pick<FollowUps, 'sendStandalone'>;
  readonly globalState: vscode.Memento;
  readonly openLink: (url: string) => Promise<boolean>;
}

/** What `runbook.listTickets` answers per ticket. */
export interface ListedTicket {
  readonly number: string;
  readonly sysId: string;
  readonly table: string;
  readonly shortDescription: string;
  readonly priority: string;
  readonly state: string;
  readonly openedAt: string;
  readonly url: string;
}

/** `runbook.listTickets { plan? }`: the queue read now; an error names why it cannot be (no queue link, not approved, not connected, ServiceNow's answer). */
export async function listTickets(deps: TicketDeps, arg: unknown): Promise<ListedTicket[]> {
  const args = argumentObject(arg, ['plan']);
  let plan: LoadedSupportPlan | undefined;
  if (args?.plan !== undefined) {
    const uri = typeof args.plan === 'string' ? planUriOf(args.plan) : undefined;
    plan = uri && (await deps.plans.get(uri, true));
    if (!plan) throw new ShiftError(`plan: ${JSON.stringify(args.plan)} is not a runbook that can be read.`);
    if (!plan.queue) throw new ShiftError(`plan: ${vscode.workspace.asRelativePath(plan.uri)} links no ServiceNow queue (a …_list.do?sysparm_query=… link).`);
  }
  const state = await deps.tree.refresh(plan);
  if (state.kind === 'no queue') throw new ShiftError('No support plan links a ServiceNow queue (a …_list.do?sysparm_query=… link).');
  if (state.kind === 'not approved') throw new ServiceNowError(`${state.link.instance} is not in your runbook.servicenow.instances user setting: nothing is sent to a ServiceNow instance you did not approve.`, 'not approved');
  if (state.kind === 'not connected') throw new ServiceNowError(`ServiceNow (${state.link.instance}) is not connected: run "Runbook: Connect ServiceNow…".`, 'not connected');
  if (state.kind === 'failed') throw new ServiceNowError(state.error, 'failed');
  return state.list.tickets.map((t) => ({ number: t.number, sysId: t.sysId, table: t.table, shortDescription: t.shortDescription, priority: t.priority, state: t.state, openedAt: t.openedAt, url: t.url }));
}

/** A ticket named by a row or `{ number }`, read from the queue. */
async function ticketOf(deps: TicketDeps, arg: unknown, fields: readonly string[]): Promise<{ ticket: Ticket; plan: LoadedSupportPlan; args: Record<string, unknown> | undefined }> {
  const row = arg as Partial<TicketElement> | undefined;
  const args = row?.type === 'ticket' ? undefined : argumentObject(arg, fields);
  const number = row?.type === 'ticket' && row.ticket ? row.ticket.number : args?.number;
  if (typeof number !== 'string' || !number.trim()) {
    if (args) throw new ShiftError('number: the ticket\'s number, such as INC0010045.');
    const state = await deps.queue.refresh();
    if (state.kind !== 'loaded') throw new ShiftError('The queue is not listed: connect ServiceNow (Runbook: Connect ServiceNow…) first.');
    const picked = await vscode.window.showQuickPick(state.list.tickets.map((t) => ({ label: t.number, description: t.shortDescription, ticket: t })), { placeHolder: 'Which ticket?' });
    if (!picked) throw new vscode.CancellationError();
    return { ticket: picked.ticket, plan: state.plan, args };
  }
  const found = await deps.queue.find(number);
  if (!found) throw new ShiftError(`number: ${number} is not in the queue (it may be resolved, or in another group's queue).`);
  return { ...found, args };
}

/** Where a ticket's issue goes: the plan's linked issue template's repository, else runbook.followUps.repository, runbook.github.repositories. */
function issueTarget(plan: LoadedSupportPlan): { owner: string; repo: string; template?: string } | undefined {
  const linked = runbookIssueTemplates(plan.runbook)[0];
  if (linked) return { owner: linked.source.owner, repo: linked.source.repo, template: linked.href };
  const settings = folderSettings(plan.uri);
  const [owner, repo] = (settings.followUpsRepository || settings.githubRepositories[0] || '').split('/');
  return owner && repo ? { owner, repo } : undefined;
}

/**
 * `runbook.createIssueFromTicket { number }`: the plan's issue template filled from the ticket, created on GitHub
 * (never twice: its hidden marker is searched first), its link written into the ticket's work notes and the shift log.
 */
export async function createIssueFromTicket(deps: TicketDeps, arg: unknown): Promise<{ number: number; url: string } | undefined> {
  const { ticket, plan, args } = await ticketOf(deps, arg, ['number']);
  const target = issueTarget(plan);
  if (!target) throw new ShiftError(`${vscode.workspace.asRelativePath(plan.uri)} links no issue template (…/.github/ISSUE_TEMPLATE/….md) and runbook.followUps.repository is not set: where should the issue go?`);
  const title = `${ticket.shortDescription} (${ticket.number})`;
  if (!args) {
    const create = 'Create Issue';
    const answer = await vscode.window.showInformationMessage(`Create a GitHub issue on ${target.owner}/${target.repo} for ${ticket.number}?`, { modal: true, detail: `"${title}"${target.template ? `, from the plan's template ${target.template.split('/').pop() ?? ''}` : ''}. Its link then goes into the ticket's work notes and the shift log.` }, create);
    if (answer !== create) return undefined;
  }
  const opened = ticket.openedAt ? new Date(ticket.openedAt) : undefined;
  const body = [
    `**ServiceNow ticket:** [${ticket.number}](${ticket.url})`,
    `**Priority:** ${ticket.priority}`,
    `**Opened:** ${opened ? formatTime(opened) : 'unknown'}`,
    `**State:** ${ticket.state}`,
    '',
    ticket.shortDescription,
  ].join('\n');
  let issue: Awaited<ReturnType<TicketDeps['followUps']['sendStandalone']>>;
  try {
    issue = await deps.followUps.sendStandalone({
      ...target,
      fields: { title: ticket.shortDescription, severity: ticket.priority, status: ticket.state, ...(opened ? { date: formatTime(opened), detectedAt: formatTime(opened) } : {}), record: ticket.url },
      title,
      body,
      marker: `<!-- incident-runbook: servicenow-${ticket.number}#${itemHash(`${plan.queue?.instance ?? ''} ${ticket.sysId}`)} -->`,
    });
  } catch (error) {
    // Without GitHub access the issue can still be filed by hand: GitHub's new-issue page, filled in.
    if (!args && (error as { kind?: unknown }).kind === 'auth') {
      void offerPrefilled(deps, error instanceof Error ? error.message : String(error), { ...target, title, body });
      return undefined;
    }
    throw error;
  }
  const ref = `${repoName(issue)}#${issue.number}`;
  const problems: string[] = [];
  try {
    await deps.client.patch(plan.queue?.instance ?? '', ticket.table, ticket.sysId, workNoteBody(`GitHub issue ${issue.existing ? 'linked' : 'created'} for this ticket: ${ref} ${issue.url}`), `write the issue into ${ticket.number}'s work notes`);
  } catch (error) {
    if (!(error instanceof ServiceNowError)) throw error;
    problems.push(`the work note was not written (${error.message})`);
  }
  const shift = await deps.logs.current();
  if (shift) await deps.logs.edit(shift.uri, (text) => addTicketEdits(text, { number: ticket.number, shortDescription: ticket.shortDescription, issueUrl: issue.url, issueRef: ref, at: new Date() }));
  else problems.push('no shift is in progress, so no shift log has it');
  void deps.tree.refresh();
  const said = `${issue.existing ? 'Linked the existing' : 'Created'} ${ref} for ${ticket.number}`;
  const openIssue = 'Open Issue';
  const shown = problems.length ? vscode.window.showWarningMessage(`${said}, but ${problems.join('; ')}.`, openIssue) : vscode.window.showInformationMessage(`${said}: its link is in the ticket's work notes and the shift log.`, openIssue);
  void shown.then((answer) => answer === openIssue && deps.openLink(issue.url));
  return { number: issue.number, url: issue.url };
}

/**
 * `runbook.resolveTicket { number, closeCode?, closeNotes? }`: the ticket's own table set to its resolved state with the
 * fields that table needs (incident: state 6, close_code, close_notes; other tables as the person said, once per table).
 * ServiceNow's refusal (a business rule, a data policy) is shown as ServiceNow words it, and nothing changes.
 */
export async function resolveTicket(deps: TicketDeps, arg: unknown): Promise<{ state: string; stateValue: string } | undefined> {
  const { ticket, plan, args } = await ticketOf(deps, arg, ['number', 'closeCode', 'closeNotes']);
  const element = await deps.tree.element(ticket);
  const issue = element.issue && `${repoName(element.issue)}#${element.issue.number} (${element.issue.url})`;
  let closeCode = typeof args?.closeCode === 'string' ? args.closeCode : undefined;
  let closeNotes = typeof args?.closeNotes === 'string' ? args.closeNotes : undefined;
  const remembered = deps.globalState.get<Record<string, ResolveFields>>(RESOLVE_FIELDS_KEY, {});
  let tableFields = remembered[ticket.table];
  if (!args) {
    if (!fixMerged(element)) {
      const anyway = 'Resolve Anyway';
      const why = element.issue ? `its GitHub issue ${issue} is not closed` : 'no GitHub issue is linked to it in the shift logs';
      if ((await vscode.window.showWarningMessage(`${ticket.number}: ${why}. Resolve it anyway?`, { modal: true }, anyway)) !== anyway) return undefined;
    }
    if (ticket.table === 'incident') {
      closeCode = (await vscode.window.showQuickPick(INCIDENT_CLOSE_CODES, { title: `Resolve ${ticket.number} (1/2): resolution code`, ignoreFocusOut: true })) ?? undefined;
      if (!closeCode) return undefined;
      closeNotes = await vscode.window.showInputBox({ title: `Resolve ${ticket.number} (2/2): resolution notes`, value: element.issue ? `Fixed by ${issue}, now in production.` : '', ignoreFocusOut: true });
      if (!closeNotes) return undefined;
    } else {
      tableFields = await askResolveFields(ticket.table, tableFields);
      if (!tableFields) return undefined;
      await deps.globalState.update(RESOLVE_FIELDS_KEY, { ...remembered, [ticket.table]: tableFields });
    }
  }
  const body = resolveBody(ticket.table, { ...(closeCode !== undefined ? { closeCode } : {}), ...(closeNotes !== undefined ? { closeNotes } : {}), ...(tableFields ? { remembered: tableFields } : {}) });
  // Automation without the fields sends what it has: ServiceNow's own rules decide, and its message says what is missing.
  const sent = 'error' in body ? (ticket.table === 'incident' ? { state: '6', ...(closeCode ? { close_code: closeCode } : {}), ...(closeNotes ? { close_notes: closeNotes } : {}) } : undefined) : body;
  if (!sent) throw new ShiftError(`${ticket.number} is in the ${ticket.table} table, whose resolved state is not known: run "Runbook: Resolve Ticket…" once to say which state and fields it needs (remembered for ${ticket.table}).`);
  const answer = await deps.client.patch(plan.queue?.instance ?? '', ticket.table, ticket.sysId, sent, `resolve ${ticket.number}`);
  const state = readPatchedState(answer) ?? { state: sent.state ?? '', stateValue: sent.state ?? '' };
  const shift = await deps.logs.current();
  if (shift && shift.log.tickets.some((t) => t.number === ticket.number)) await deps.logs.edit(shift.uri, (text) => markTicketResolvedEdits(text, ticket.number, new Date()));
  void deps.tree.refresh();
  vscode.window.setStatusBarMessage(`$(check) ${ticket.number} is ${state.state} in ServiceNow${shift ? '; noted in the shift log' : ''}`, 8000);
  return state;
}

async function offerPrefilled(deps: TicketDeps, message: string, issue: { owner: string; repo: string; title: string; body: string }): Promise<void> {
  const open = 'Open Prefilled on GitHub';
  const answer = await vscode.window.showErrorMessage(`${message} Connecting GitHub (Set GitHub Token…) creates the issue and writes it into the ticket for you.`, open, 'Set GitHub Token…');
  if (answer === 'Set GitHub Token…') await vscode.commands.executeCommand('runbook.setGitHubToken');
  if (answer !== open) return;
  const { url, cut } = newIssueUrl(gitHubWebHost(githubBaseUrl()), { ...issue, labels: [], assignees: [] });
  if (cut) await vscode.env.clipboard.writeText(issue.body);
  await deps.openLink(url);
}

/** For a table other than incident: the resolved state's value and the fields it needs, as the person knows their instance. */
async function askResolveFields(table: string, earlier: ResolveFields | undefined): Promise<ResolveFields | undefined> {
  const state = await vscode.window.showInputBox({ title: `Resolve a ${table} ticket (1/2): state`, prompt: `The value of ${table}'s resolved (or closed complete) state on your instance, such as 3 for a catalog task's "Closed Complete". Remembered for ${table}.`, value: earlier?.state ?? '', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'The state value') });
  if (!state) return undefined;
  const written = await vscode.window.showInputBox({ title: `Resolve a ${table} ticket (2/2): other fields`, prompt: 'Fields the table requires, as name=value separated by ";" (such as close_notes=Fixed). Empty: none.', value: earlier ? Object.entries(earlier.fields).map(([k, v]) => `${k}=${v}`).join('; ') : '', ignoreFocusOut: true, validateInput: (v) => (parseFields(v) ? undefined : 'Write name=value; name=value') });
  if (written === undefined) return undefined;
  return { state: state.trim(), fields: parseFields(written) ?? {} };
}

function parseFields(written: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  for (const part of written.split(';').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    if (at <= 0) return undefined;
    fields[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return fields;
}
