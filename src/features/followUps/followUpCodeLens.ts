import * as vscode from 'vscode';
import { ACTION_ITEMS_SECTION, checklistItems, openActionItems } from '../../core/followUps/actionItems';
import { isIssueDraft, readDraft } from '../../core/followUps/issueDraft';
import { repoName } from '../../core/followUps/issueRefs';
import { frontMatterLineCount } from '../../core/incident/frontMatter';
import { headingsOf } from '../../core/incident/markdownHeadings';
import { Disposable } from '../../core/lifecycle';
import type { IncidentStore } from '../incident/incidentStore';
import { followUpContext } from './followUpContext';
import { describeState } from '../../core/followUps/followUpAge';
import type { FollowUpTracker } from './followUpTracker';

/**
 * CodeLenses of follow-ups: "Create Issue on OWNER/REPO" above an issue draft; in a record or its
 * post-mortem, "Create issue" above each open action item, "Create Issues for N Action Items" above
 * their heading, and each linked issue's state above its line.
 */
export class FollowUpCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this._onDidChange.event;

  constructor(
    private readonly store: IncidentStore,
    private readonly tracker: FollowUpTracker,
  ) {
    super();
    this._register(tracker.onDidChange(() => this._onDidChange.fire()));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const text = document.getText();
    if (isIssueDraft(text)) return draftLenses(text, document.uri);
    let context;
    try {
      context = await followUpContext(this.store, document.uri);
    } catch {
      return [];
    }
    const items = openActionItems(text);
    const lenses: vscode.CodeLens[] = [];
    const todo = items.filter((i) => !i.issue);
    const heading = headingsOf(text.split('\n'), frontMatterLineCount(text)).find((h) => ACTION_ITEMS_SECTION.heading.test(h.title));
    if (heading && todo.length) {
      lenses.push(lens(heading.line, `$(github) Create Issues for ${todo.length} Action Item${todo.length > 1 ? 's' : ''}`, 'runbook.createIssuesForActionItems', { uri: document.uri.toString() }));
    }
    for (const item of todo) lenses.push(lens(item.line, '$(github) Create issue', 'runbook.createIssueForItem', { uri: document.uri.toString(), line: item.line }));
    const states = new Map((await this.tracker.of(context.record.uri)).map((f) => [f.issue.url, f]));
    for (const item of checklistItems(text)) {
      if (!item.issue) continue;
      const known = states.get(item.issue.url);
      // Number and state first: a narrow editor cuts the end, and the repository is on the line below.
      lenses.push(lens(item.line, `$(${known?.state === 'closed' ? 'pass' : 'issues'}) #${item.issue.number} ${describeState(known)} · ${repoName(item.issue)}`, 'runbook.openLink', { url: item.issue.url }));
    }
    return lenses;
  }
}

function draftLenses(text: string, uri: vscode.Uri): vscode.CodeLens[] {
  const read = readDraft(text);
  if (!read.ok) return [lens(0, `$(warning) Cannot create: ${read.error}`, 'runbook.createIssueFromDraft', { uri: uri.toString() })];
  return [lens(0, `$(github) Create Issue on ${read.draft.repo}`, 'runbook.createIssueFromDraft', { uri: uri.toString() }), lens(0, '$(link-external) Open Prefilled on GitHub', 'runbook.openIssueDraftOnGitHub', { uri: uri.toString() })];
}

function lens(line: number, title: string, command: string, arg: unknown): vscode.CodeLens {
  return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command, arguments: [arg] });
}
