import * as vscode from 'vscode';
import { checklistItemAt, openActionItems } from '../../core/followUps/actionItems';
import { issueRefText, newIssueUrl, parseRepoName, repoName } from '../../core/followUps/issueRefs';
import { gitHubWebHost } from '../../core/templates/templateSource';
import { githubBaseUrl } from '../changes/githubClient';
import { clip } from '../../core/text';
import type { IncidentStore } from '../incident/incidentStore';
import type { IncidentElement } from '../incident/incidentTreeProvider';
import { announceRecordChange } from '../incident/recordFeedback';
import { exists, readCurrentText } from '../workspaceFiles';
import { followUpContext, type FollowUpContext } from './followUpContext';
import { type CreateIssueArgs, type FollowUpCreator, type SentFollowUp } from './followUpCreator';
import type { FollowUpTracker } from './followUpTracker';
import { IssueRefused } from './githubIssues';
import { issueFromDraft, openIssueDraft } from './issueDraftEditor';
import type { IssueTemplates } from './issueTemplates';

interface Deps {
  readonly store: IncidentStore;
  readonly creator: FollowUpCreator;
  readonly templates: IssueTemplates;
  readonly tracker: FollowUpTracker;
  /** The extension's one link opener (openExternalLink), handed in: this module is loaded on first use, in a bundle of its own. */
  readonly openLink: (url: string) => Promise<boolean>;
}

/** A command's handler, by command id. */
export type CommandHandlers = Readonly<Record<string, (...args: never[]) => Promise<unknown>>>;

/** What Create Issues for Action Items did: the issues created (or found) per line, and the items left out with why. */
export interface ActionItemsResult {
  readonly created: { readonly line: number; readonly number: number; readonly url: string; readonly existing?: boolean }[];
  readonly skipped: { readonly line: number; readonly title: string; readonly reason: string }[];
}

/** The follow-up commands' handlers, registered by FollowUps.register (which loads this module when one first runs). */
export function followUpCommands(deps: Deps): CommandHandlers {
  const { store, creator, tracker, openLink } = deps;
  /** Drafts being sent now, by URI. */
  const sending = new Set<string>();

  async function announce(created: readonly SentFollowUp[], context: FollowUpContext): Promise<void> {
    for (const c of created) tracker.remember(c.issue, c.state);
    const line = await creator.linkBack(created, context);
    const what = created.map((c) => `${c.existing ? 'linked' : 'created'} ${repoName(c.issue)}#${c.issue.number}`).join(', ');
    await announceRecordChange(context.record.uri, line, `Follow-ups of ${context.record.read.state.title}: ${what}`);
  }

  /** From the palette: the repository, its template and a title, then the draft (nothing is sent before the person says so). */
  async function draftFromPalette(context: FollowUpContext, fromLine: number | undefined): Promise<void> {
    const suggested = await creator.defaultRepository(context);
    const repo = await vscode.window.showInputBox({ title: 'Create Follow-up Issue (1/3): repository', prompt: 'owner/name of the repository the issue goes to', value: suggested ?? '', ignoreFocusOut: true, validateInput: (v) => (parseRepoName(v) ? undefined : 'Write the repository as owner/name') });
    if (!repo) return;
    const target = parseRepoName(repo);
    if (!target) return;
    const { choices, problem } = await deps.templates.list(target.owner, target.repo, await creator.linkedTemplates(context));
    const picked = await vscode.window.showQuickPick(
      [...choices.map((c) => ({ label: c.name, description: c.fromRunbook ? "the runbook's template" : `.github/ISSUE_TEMPLATE of ${repo}`, location: c.location })), { label: 'Blank issue', description: 'no template', location: 'none' }],
      { title: 'Create Follow-up Issue (2/3): template', placeHolder: problem ? `The repository's templates could not be listed: ${problem}` : `Which template of ${repo}?`, ignoreFocusOut: true },
    );
    if (!picked) return;
    const item = fromLine === undefined ? undefined : checklistItemAt(await readCurrentText(context.source), fromLine);
    const title = await vscode.window.showInputBox({ title: 'Create Follow-up Issue (3/3): title', prompt: 'What needs to be done? (the template adds its prefix)', value: item?.title ?? '', ignoreFocusOut: true });
    if (title === undefined) return;
    const issue = await creator.prepare({ repo, template: picked.location, title, ...(item ? { fromLine: item.line } : {}), uri: context.source.toString() }, context);
    await openIssueDraft(issue, context);
  }

  /**
   * Sends a draft; on a refusal the draft stays open with the reason. Labels the repository lacks: the
   * message offers to send it without them (`without`), so nothing waits on the person's answer.
   */
  async function sendDraft(document: vscode.TextDocument, without: readonly string[] = []): Promise<{ number: number; url: string } | undefined> {
    const key = document.uri.toString();
    // A second click while the first is still sending (on-call people double-click) sends nothing.
    if (sending.has(key)) {
      vscode.window.setStatusBarMessage('$(sync~spin) Already sending this draft…', 3000);
      return undefined;
    }
    sending.add(key);
    try {
      return await sendDraftOnce(document, without);
    } finally {
      sending.delete(key);
    }
  }

  async function sendDraftOnce(document: vscode.TextDocument, without: readonly string[]): Promise<{ number: number; url: string } | undefined> {
    const { context, required, issue: drafted, templateLocation } = await issueFromDraft(document.getText(), store);
    const dropped = new Set(without.map((l) => l.toLowerCase()));
    // The form's own required fields (a checkbox must be ticked), read again; the draft's list when it cannot be.
    const template = templateLocation ? await creator.templateAt(templateLocation, drafted.owner, drafted.repo).catch(() => undefined) : undefined;
    const issue = { ...drafted, labels: drafted.labels.filter((l) => !dropped.has(l.toLowerCase())), ...(template ? { template } : {}) };
    try {
      const created = await creator.send(issue, { required });
      // The draft goes first, so the record opens in the column it leaves, not in yet another one.
      await closeDraft(document);
      await announce([created], context);
      void vscode.window.showInformationMessage(`${created.existing ? 'Linked the existing' : 'Created'} ${issue.owner}/${issue.repo}#${created.issue.number}: ${created.title}`, 'Open Issue').then((a) => a && openLink(created.issue.url));
      return { number: created.issue.number, url: created.issue.url };
    } catch (error) {
      const message = messageOf(error);
      if (error instanceof IssueRefused && error.missingLabels.length) {
        // Modal: the choice stays until it is made, however long fixing the draft takes.
        void vscode.window.showWarningMessage(message, { modal: true, detail: 'The draft is kept. Create the issue without those labels?' }, 'Create Without Them').then((choice) => choice && sendDraft(document, [...without, ...error.missingLabels]));
      } else if ((error as { kind?: unknown }).kind === 'auth') {
        void vscode.window.showErrorMessage(`${message} The draft is kept.`, 'Set GitHub Token…', 'Open Prefilled on GitHub').then((choice) => {
          if (choice === 'Set GitHub Token…') void vscode.commands.executeCommand('runbook.setGitHubToken');
          if (choice === 'Open Prefilled on GitHub') void openDraftOnGitHub(document);
        });
      } else {
        void vscode.window.showErrorMessage(`${message} The draft is kept: fix it and choose "Create Issue" again.`);
      }
      return undefined;
    }
  }

  /** Without a token: GitHub's new-issue page, filled from the draft; the person submits it there and pastes its link into the record. */
  async function openDraftOnGitHub(document: vscode.TextDocument): Promise<string | undefined> {
    const { issue } = await issueFromDraft(document.getText(), store);
    const { url, cut } = newIssueUrl(gitHubWebHost(githubBaseUrl()), issue);
    if (cut) await vscode.env.clipboard.writeText(issue.body);
    if (!(await openLink(url))) return undefined;
    void vscode.window.showInformationMessage(`Opened the new issue on ${issue.owner}/${issue.repo}, filled in${cut ? ' (the body was too long for the address: it is on the clipboard)' : ''}. Submit it there, then add its link under the record's Follow-ups (- [ ] URL title) to track it. Connecting GitHub (Set GitHub Token…) creates and links it for you.`);
    return url;
  }

  async function createForActionItems(uri: vscode.Uri | undefined, confirmed: boolean): Promise<ActionItemsResult | undefined> {
    const context = await followUpContext(store, uri);
    const text = await readCurrentText(context.source);
    const items = openActionItems(text);
    const skipped: ActionItemsResult['skipped'] = items.filter((i) => i.issue).map((i) => ({ line: i.line, title: i.title, reason: `already links ${issueRefText(i.issue as NonNullable<typeof i.issue>)}` }));
    const todo = items.filter((i) => !i.issue);
    if (!todo.length) {
      void vscode.window.showInformationMessage(`No open action item without an issue in ${vscode.workspace.asRelativePath(context.source)}${skipped.length ? ` (${skipped.length} already link one)` : ''}.`);
      return { created: [], skipped };
    }
    const repo = await creator.defaultRepository(context);
    if (!confirmed) {
      const list = todo.map((i) => `• ${clip(i.title, 80)}`).join('\n');
      const createButton = todo.length === 1 ? 'Create Issue' : `Create ${todo.length} Issues`;
      const answer = await vscode.window.showWarningMessage(`Create ${todo.length} issue${todo.length > 1 ? 's' : ''} in ${repo ?? '(no repository: set runbook.followUps.repository)'}?`, { modal: true, detail: `${list}\n\nAn item a teammate already created an issue for is linked, not created again.` }, createButton);
      if (answer !== createButton) return undefined;
    }
    const created: SentFollowUp[] = [];
    let failure: string | undefined;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating follow-up issues in ${repo}` }, async (progress) => {
      for (const [index, item] of todo.entries()) {
        progress.report({ message: `${index + 1}/${todo.length}: ${clip(item.title, 60)}` });
        try {
          created.push(await creator.send(await creator.prepare({ fromLine: item.line, uri: context.source.toString() }, context)));
        } catch (error) {
          failure = messageOf(error);
          break;
        }
      }
    });
    if (created.length) await announce(created, context);
    const linkedLines = new Set(created.map((c) => c.item?.line));
    const notDone = todo.filter((i) => !linkedLines.has(i.line)).map((i) => ({ line: i.line, title: i.title, reason: failure ? `not created: ${failure}` : 'not created' }));
    if (failure) void vscode.window.showErrorMessage(`${failure} ${created.length} of ${todo.length} issues were created and linked; run the command again for the rest.`);
    return { created: created.map((c) => ({ line: c.item?.line ?? -1, number: c.issue.number, url: c.issue.url, ...(c.existing ? { existing: true } : {}) })), skipped: [...skipped, ...notDone] };
  }

  return {

    // With an argument object the issue is sent at once (automation) and the command rejects naming the problem;
    // from the palette (or a row) a draft opens for review.
    'runbook.createIssue': async (args?: CreateIssueArgs | IncidentElement) => {
      if (args && typeof args === 'object' && !(args instanceof vscode.Uri) && !('type' in args)) {
        const context = await followUpContext(store, typeof args.uri === 'string' ? vscode.Uri.parse(args.uri, true) : undefined);
        const created = await creator.send(await creator.prepare(args, context));
        await announce([created], context);
        return { number: created.issue.number, url: created.issue.url, ...(created.existing ? { existing: true } : {}) };
      }
      try {
        const editor = vscode.window.activeTextEditor;
        const context = await followUpContext(store, rowUri(args));
        const line = editor && editor.document.uri.toString() === context.source.toString() ? editor.selection.active.line : undefined;
        const onItem = line !== undefined && checklistItemAt(editor?.document.getText() ?? '', line) ? line : undefined;
        await draftFromPalette(context, onItem);
      } catch (error) {
        void vscode.window.showErrorMessage(messageOf(error));
      }
      return undefined;
    },

    // The CodeLens of an action item: its draft, from the runbook's template, for review.
    'runbook.createIssueForItem': async (arg: { uri: string; line: number }) => {
      try {
        const context = await followUpContext(store, vscode.Uri.parse(arg.uri, true));
        await openIssueDraft(await creator.prepare({ fromLine: arg.line, uri: arg.uri }, context), context);
      } catch (error) {
        void vscode.window.showErrorMessage(`Cannot draft the issue: ${messageOf(error)}`);
      }
    },

    'runbook.createIssueFromDraft': async (arg?: { uri?: string }) => {
      const document = draftDocument(arg);
      if (!document) return undefined;
      try {
        return await sendDraft(document);
      } catch (error) {
        void vscode.window.showErrorMessage(`${messageOf(error)} The draft is kept.`);
        return undefined;
      }
    },

    'runbook.openIssueDraftOnGitHub': async (arg?: { uri?: string }) => {
      const document = draftDocument(arg);
      if (!document) return undefined;
      try {
        return await openDraftOnGitHub(document);
      } catch (error) {
        void vscode.window.showErrorMessage(messageOf(error));
        return undefined;
      }
    },

    'runbook.createIssuesForActionItems': async (arg?: { uri?: string; confirmed?: boolean } | vscode.Uri | IncidentElement) => {
      const uri = arg instanceof vscode.Uri ? arg : arg && 'type' in arg ? await postmortemOrRecord(rowUri(arg)) : typeof arg?.uri === 'string' ? vscode.Uri.parse(arg.uri, true) : undefined;
      const automated = arg !== undefined && !(arg instanceof vscode.Uri) && !('type' in arg) && arg.confirmed === true;
      try {
        return await createForActionItems(uri, automated);
      } catch (error) {
        if (automated) throw error;
        void vscode.window.showErrorMessage(messageOf(error));
        return undefined;
      }
    },

    'runbook.refreshFollowUps': async () => {
      const ticked = await tracker.refresh(true);
      const all = await tracker.all();
      const open = all.filter((f) => f.state === 'open').length;
      const tickedText = ticked ? `; ticked ${ticked} closed in the records` : '';
      vscode.window.setStatusBarMessage(tracker.problem ? `$(warning) Follow-ups: ${tracker.problem}` : `$(issues) Follow-ups refreshed: ${open} open of ${all.length}${tickedText}`, 8000);
      return all.map((f) => ({ url: f.issue.url, title: f.title, state: f.state, ...(f.assignee ? { assignee: f.assignee } : {}) }));
    },
  };
}

/** The draft a command acts on: `{ uri }` (the CodeLens), else the active editor's document. */
function draftDocument(arg: { uri?: string } | undefined): vscode.TextDocument | undefined {
  const uri = arg?.uri ? vscode.Uri.parse(arg.uri, true) : vscode.window.activeTextEditor?.document.uri;
  return uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The record of an Incident view row the command was run from. */
function rowUri(arg: unknown): vscode.Uri | undefined {
  const row = arg as { type?: unknown; entry?: { uri?: unknown } } | undefined;
  return row?.type === 'incident' && row.entry?.uri instanceof vscode.Uri ? row.entry.uri : undefined;
}

/** From an incident's row, the action items are its post-mortem's when it has one, else the record's own. */
async function postmortemOrRecord(record: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (!record) return undefined;
  const postmortem = record.with({ path: record.path.replace(/\.md$/, '-postmortem.md') });
  return (await exists(postmortem)) ? postmortem : record;
}

/** The draft was sent: closed without asking to save it (its text now lives in the issue), also when another editor is in front of it. */
async function closeDraft(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  await vscode.window.showTextDocument(document, visible ? { viewColumn: visible.viewColumn } : { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
