import * as vscode from 'vscode';
import { checklistItems, itemHash } from '../../core/followUps/actionItems';
import { repoName } from '../../core/followUps/issueRefs';
import { draftText, type IssueDraft, readDraft } from '../../core/followUps/issueDraft';
import { currentItem } from '../../core/followUps/recordFollowUps';
import type { IncidentStore } from '../incident/incidentStore';
import { readCurrentText } from '../workspaceFiles';
import { followUpContext, type FollowUpContext } from './followUpContext';
import type { PreparedIssue } from './followUpCreator';

const MARKER = /<!-- incident-runbook: [^\s#]+#[0-9a-f]{8} -->/;

/** Opens the issue as a Markdown draft for a person to review: nothing is sent until "Create Issue" is chosen on it. */
export async function openIssueDraft(issue: PreparedIssue, context: FollowUpContext): Promise<vscode.TextEditor> {
  const required = issue.template?.parsed.kind === 'form' ? issue.template.parsed.fields.filter((f) => f.required).map((f) => f.label) : [];
  const draft: IssueDraft = {
    repo: `${issue.owner}/${issue.repo}`,
    title: issue.title,
    body: issue.body,
    labels: issue.labels,
    assignees: issue.assignees,
    record: draftPath(context.record.uri),
    // The line as the editor numbers it (1-based).
    ...(issue.item ? { item: { source: draftPath(context.source), line: issue.item.line + 1, hash: issue.item.hash } } : {}),
    ...(issue.template ? { template: issue.template.location } : {}),
    ...(required.length ? { required } : {}),
  };
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: draftText(draft) });
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * The issue a draft describes, as the person left it, and the incident it belongs to. The hidden marker
 * is put back if it was edited away, so a later run still finds the issue. Throws naming the problem.
 */
export async function issueFromDraft(text: string, store: IncidentStore): Promise<{ issue: PreparedIssue; context: FollowUpContext; required: readonly string[]; templateLocation?: string }> {
  const read = readDraft(text);
  if (!read.ok) throw new Error(`The draft cannot be sent: ${read.error}.`);
  const { draft } = read;
  if (!draft.record) throw new Error('The draft cannot be sent: record: the incident record it belongs to is missing from its front matter.');
  const source = fromDraftPath(draft.item?.source ?? draft.record);
  const context = await followUpContext(store, source);
  const wanted = draft.item && { line: draft.item.line - 1, hash: draft.item.hash };
  const sourceText = wanted ? await readCurrentText(source) : '';
  const item = wanted && currentItem(sourceText, wanted);
  // The item got its issue since the draft was opened (Create Issues for Action Items, a teammate): sending would make a second one.
  const linked = wanted && !item ? checklistItems(sourceText).find((i) => i.hash === wanted.hash && i.issue) : undefined;
  if (linked?.issue) throw new Error(`The draft was not sent: its action item already links ${repoName(linked.issue)}#${linked.issue.number} (created since the draft was opened). Close the draft, or link that issue.`);
  const [owner = '', repo = ''] = draft.repo.split('/');
  const marker = MARKER.exec(draft.body)?.[0] ?? `<!-- incident-runbook: ${context.record.read.state.id}#${draft.item?.hash ?? itemHash(draft.title)} -->`;
  const body = MARKER.test(draft.body) ? draft.body.trimEnd() : `${draft.body.trimEnd()}\n\n${marker}`;
  return {
    issue: { owner, repo, title: draft.title, body, labels: draft.labels, assignees: draft.assignees, marker, forItem: draft.item !== undefined, ...(item ? { item } : {}) },
    context,
    required: draft.required ?? [],
    ...(draft.template ? { templateLocation: draft.template } : {}),
  };
}

/** A document as the draft names it: its workspace path (with the folder's name in a multi-root workspace). */
function draftPath(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : uri.toString();
}

/** The document a draft names: a URI as written, else a workspace path (led by its folder's name when there are several). */
function fromDraftPath(path: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:/i.test(path)) return vscode.Uri.parse(path, true);
  const folders = vscode.workspace.workspaceFolders ?? [];
  const [first = '', ...rest] = path.split('/');
  const named = folders.length > 1 ? folders.find((f) => f.name === first) : undefined;
  const folder = named ?? folders[0];
  if (!folder) throw new Error(`The draft cannot be sent: ${path} is not in a workspace folder.`);
  return vscode.Uri.joinPath(folder.uri, ...(named ? rest : [first, ...rest]));
}
