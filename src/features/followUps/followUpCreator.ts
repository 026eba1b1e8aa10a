import * as vscode from 'vscode';
import { type ChecklistItem, checklistItemAt, issueMarker, itemHash, linkItemEdit } from '../../core/followUps/actionItems';
import { names } from '../../core/followUps/issueDraft';
import { parseRepoName, repoName } from '../../core/followUps/issueRefs';
import type { IssueState } from '../../core/followUps/issueStates';
import { fillIssueTemplate, type IssueTemplate, missingRequiredFields, parseIssueTemplate } from '../../core/followUps/issueTemplate';
import { type CreatedFollowUp, currentItem, recordFollowUps } from '../../core/followUps/recordFollowUps';
import { runbookIssueTemplates } from '../../core/followUps/runbookIssueTemplates';
import { incidentFields, type TemplateFields } from '../../core/templates/fillTemplate';
import { gitRemote } from '../changes/searchDefaults';
import { changeOrThrow, type IncidentStore } from '../incident/incidentStore';
import { incidentRunbook } from '../incident/runbookPath';
import type { RunbookModels } from '../playbook/runbookModels';
import { folderSettings } from '../settings';
import { applyEdit, readCurrentText } from '../workspaceFiles';
import type { FollowUpContext } from './followUpContext';
import { type AnsweredIssue, type GitHubIssues, IssueRefused, type NewIssue } from './githubIssues';
import type { IssueTemplates } from './issueTemplates';
import { recordLink } from './recordLink';

/** `runbook.createIssue`'s argument. */
export interface CreateIssueArgs {
  readonly repo?: unknown;
  /** A link to an issue template, its path in the repository, or `none`. Absent: the runbook's linked template for the repository. */
  readonly template?: unknown;
  readonly title?: unknown;
  readonly body?: unknown;
  readonly labels?: unknown;
  readonly assignees?: unknown;
  /** The 0-based line of the checklist item the issue is for, in `uri` (the record or its post-mortem). */
  readonly fromLine?: unknown;
  readonly uri?: unknown;
}

const ARG_FIELDS = ['repo', 'template', 'title', 'body', 'labels', 'assignees', 'fromLine', 'uri'];

/** An issue for something other than an incident, such as a support ticket. */
export interface StandaloneIssue {
  readonly owner: string;
  readonly repo: string;
  /** A link to an issue template, or its path in the repository. */
  readonly template?: string;
  readonly fields: TemplateFields;
  readonly title: string;
  readonly body: string;
  /** `<!-- incident-runbook: … -->`: found again before creating. */
  readonly marker: string;
}

/** An issue ready to send, and what it is a follow-up of. */
export interface PreparedIssue extends NewIssue {
  readonly item?: ChecklistItem;
  /** The hidden marker that finds this issue again: the record's id and the item's (else the title's) hash. */
  readonly marker: string;
  /** The marker names an action item (even one since moved or edited away): the repository is searched for it before creating. */
  readonly forItem: boolean;
  readonly template?: IssueTemplateUsed;
}

/** A follow-up GitHub answered for: created or found, with the issue's state then. */
export type SentFollowUp = CreatedFollowUp & { readonly state: IssueState };

/** An issue template as a follow-up uses it: its file name, where it is (a link or a path in the repository), and what it says. */
export interface IssueTemplateUsed {
  readonly name: string;
  readonly location: string;
  readonly parsed: IssueTemplate;
}

export interface Deps {
  readonly store: IncidentStore;
  readonly models: RunbookModels;
  readonly issues: GitHubIssues;
  readonly templates: IssueTemplates;
}

/**
 * Follow-up issues of an incident: prepared from the team's issue template and what the incident
 * knows, created through the GitHub client (never twice for one action item), and linked back in
 * the record (and the post-mortem line it came from).
 */
export class FollowUpCreator {
  private readonly sending = new Map<string, Promise<SentFollowUp>>();

  constructor(private readonly deps: Deps) {}

  /** The repository follow-ups go to: the runbook's linked issue template's, then runbook.followUps.repository, runbook.github.repositories, the git remote. */
  async defaultRepository(context: FollowUpContext): Promise<string | undefined> {
    const linked = await this.linkedTemplates(context);
    const settings = folderSettings(context.record.uri);
    const first = linked[0];
    return (first && repoName(first.source)) || settings.followUpsRepository || settings.githubRepositories[0] || (await gitRemote(context.record.uri));
  }

  /** The issue templates the incident's runbook links. */
  async linkedTemplates(context: FollowUpContext): Promise<ReturnType<typeof runbookIssueTemplates>> {
    const uri = incidentRunbook(context.record);
    const loaded = uri && (await this.deps.models.load(uri));
    return loaded && loaded.ok ? runbookIssueTemplates(loaded.runbook) : [];
  }

  /** Checks the argument and fills the template; throws naming the field. */
  async prepare(args: CreateIssueArgs, context: FollowUpContext): Promise<PreparedIssue> {
    const unknown = Object.keys(args).filter((k) => !ARG_FIELDS.includes(k));
    if (unknown.length) throw new Error(`${unknown[0]}: not a field of this command; its fields are ${ARG_FIELDS.join(', ')}`);
    const written = args.repo ?? (await this.defaultRepository(context));
    const target = parseRepoName(written);
    if (!target) throw new Error(written === undefined ? 'repo: which repository? Give owner/name (or set runbook.followUps.repository)' : `repo: ${JSON.stringify(written)} is not owner/name`);
    for (const field of ['title', 'body', 'template'] as const) if (args[field] !== undefined && typeof args[field] !== 'string') throw new Error(`${field}: must be text`);
    const labels = names(args.labels, 'labels');
    if (typeof labels === 'string') throw new Error(labels);
    const assignees = names(args.assignees, 'assignees');
    if (typeof assignees === 'string') throw new Error(assignees);
    const item = args.fromLine === undefined ? undefined : await this.itemAt(context.source, args.fromLine);
    const title = ((args.title as string | undefined) ?? item?.title ?? '').trim();
    const template = await this.template(args.template as string | undefined, target, context);
    const state = context.record.read.state;
    const link = await recordLink(context.record.uri);
    const fields = { ...incidentFields(state), record: link.url ?? link.path };
    // An item's issue says what the item says, under the template's "What needs to be done".
    const given = typeof args.body === 'string' ? args.body : item ? `${item.title}\n\n_From the action items of ${vscode.workspace.asRelativePath(context.source, false)}._` : undefined;
    const filled = template ? fillIssueTemplate(template.parsed, fields, { title, ...(given !== undefined ? { body: given } : {}) }) : undefined;
    const finalTitle = filled?.title ?? title;
    if (!finalTitle) throw new Error('title: the issue needs a title');
    const marker = issueMarker(state.id, item?.hash ?? itemHash(finalTitle));
    const recordText = link.url ? `[${link.path}](${link.url})` : `\`${link.path}\``;
    const body = (filled?.body ?? given ?? '').trimEnd();
    const backLink = `Follow-up of the incident **${state.title}** (Sev ${state.severity}, started ${state.startedAt}): ${recordText}`;
    // A form's body is its `### Label` sections: the link gets one of its own, so it is not taken for the last field's answer.
    const footer = body.includes(link.url ?? link.path) ? [] : template?.parsed.kind === 'form' ? ['### Incident record', '', backLink] : [backLink];
    return {
      owner: target.owner,
      repo: target.repo,
      title: finalTitle,
      body: [body, '', ...footer, marker].join('\n').replace(/^\n+/, ''),
      labels: unique([...(filled?.labels ?? []), ...labels]),
      assignees: unique([...(filled?.assignees ?? []), ...assignees]),
      ...(item ? { item } : {}),
      marker,
      forItem: item !== undefined,
      ...(template ? { template } : {}),
    };
  }

  /**
   * Sends the issue: an issue form's required fields are checked, an issue already created for the item
   * (its marker found) is taken instead, labels the repository lacks are refused before anything is sent.
   * Nothing is linked yet: `linkBack` does that, once for all the issues of one action.
   */
  async send(issue: PreparedIssue, options: { readonly required?: readonly string[] } = {}): Promise<SentFollowUp> {
    const missing = issue.template ? missingRequiredFields(issue.template.parsed, issue.body) : requiredLeftEmpty(options.required ?? [], issue.body);
    if (missing.length) throw new Error(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required by ${issue.template?.name ?? 'the issue form'}: fill ${missing.length > 1 ? 'them' : 'it'} in`);
    // One send per marker at a time: a second one for the same item (a double click, two commands) waits for the first and takes its issue.
    const key = `${issue.owner}/${issue.repo}\n${issue.marker}`.toLowerCase();
    const running = this.sending.get(key);
    if (running) return { ...(await running), existing: true };
    const sent = this.sendOnce(issue);
    this.sending.set(key, sent);
    try {
      return await sent;
    } finally {
      this.sending.delete(key);
    }
  }

  private async sendOnce(issue: PreparedIssue): Promise<SentFollowUp> {
    const existing = issue.forItem ? await this.deps.issues.findByMarker(issue.owner, issue.repo, issue.marker) : undefined;
    const created = existing ?? (await this.create(issue));
    const { state, ...ref } = created;
    // The record's line says what the item says; GitHub's title (with the template's prefix) is in the issue.
    return { issue: ref, title: issue.item?.title || created.title, state, ...(issue.item ? { item: issue.item } : {}), ...(existing ? { existing: true } : {}) };
  }

  /**
   * An issue that belongs to no incident (a support ticket's): the template filled from `fields`, `body` under its
   * description, and its hidden marker searched first, so a second run (or a teammate's) links the first issue.
   */
  async sendStandalone(request: StandaloneIssue): Promise<AnsweredIssue & { readonly existing: boolean }> {
    const template = request.template ? await this.templateAt(request.template, request.owner, request.repo) : undefined;
    const filled = template ? fillIssueTemplate(template.parsed, request.fields, { title: request.title, body: request.body }) : undefined;
    const issue: PreparedIssue = {
      owner: request.owner,
      repo: request.repo,
      title: filled?.title ?? request.title,
      body: [(filled?.body ?? request.body).trimEnd(), '', request.marker].join('\n'),
      labels: filled?.labels ?? [],
      assignees: filled?.assignees ?? [],
      marker: request.marker,
      forItem: true,
      ...(template ? { template } : {}),
    };
    const missing = template ? missingRequiredFields(template.parsed, issue.body) : [];
    if (missing.length) throw new Error(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required by ${template?.name ?? 'the issue form'}; the ticket does not say: create the issue from a draft instead`);
    const existing = await this.deps.issues.findByMarker(issue.owner, issue.repo, issue.marker);
    return existing ? { ...existing, existing: true } : { ...(await this.create(issue)), existing: false };
  }

  /** The record links the issues (the items' lines when the items are in it; its post-mortem's lines too), one edit per file. */
  async linkBack(created: readonly CreatedFollowUp[], context: FollowUpContext): Promise<number> {
    const { store } = this.deps;
    const inRecord = context.source.toString() === context.record.uri.toString();
    if (!inRecord) await this.linkItemsIn(context.source, created);
    const automatic = folderSettings(context.record.uri).timelineAutomaticEntries;
    const now = new Date();
    const { line } = await store.edit(context.record.uri, (text) => changeOrThrow(context.record.uri, recordFollowUps(text, inRecord ? created : created.map(withoutItem), { now, entries: automatic })));
    store.reload(context.record.uri);
    return line;
  }

  private async create(issue: PreparedIssue): Promise<AnsweredIssue> {
    if (issue.labels.length) {
      const known = await this.deps.issues.labels(issue.owner, issue.repo).catch(() => undefined);
      const lower = new Set(known?.map((l) => l.toLowerCase()));
      const missing = known ? issue.labels.filter((l) => !lower.has(l.toLowerCase())) : [];
      if (missing.length) throw new IssueRefused(`The label${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist in ${issue.owner}/${issue.repo}: nothing was created. Remove ${missing.length > 1 ? 'them' : 'it'}, or create ${missing.length > 1 ? 'them' : 'it'} in the repository first.`, missing);
    }
    return this.deps.issues.create(issue);
  }

  /** The post-mortem's item lines link their issues, as one edit of that document. */
  private async linkItemsIn(source: vscode.Uri, created: readonly CreatedFollowUp[]): Promise<void> {
    const document = await vscode.workspace.openTextDocument(source);
    const text = document.getText();
    const edit = new vscode.WorkspaceEdit();
    for (const { item, issue } of created) {
      if (!item || item.issue) continue;
      // The line as it is now: an edit since the item was read may have moved it.
      const current = currentItem(text, item);
      if (!current) continue;
      const e = linkItemEdit(text, current, issue);
      edit.replace(source, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
    }
    if (edit.size) await applyEdit(document, edit);
  }

  private async itemAt(source: vscode.Uri, fromLine: unknown): Promise<ChecklistItem> {
    if (typeof fromLine !== 'number' || !Number.isInteger(fromLine) || fromLine < 0) throw new Error(`fromLine: ${JSON.stringify(fromLine)} is not a line number (0-based)`);
    const item = checklistItemAt(await readCurrentText(source), fromLine);
    if (!item) throw new Error(`fromLine: line ${fromLine + 1} of ${vscode.workspace.asRelativePath(source)} is not a checklist item`);
    return item;
  }

  private async template(given: string | undefined, target: { owner: string; repo: string }, context: FollowUpContext): Promise<IssueTemplateUsed | undefined> {
    if (given?.trim().toLowerCase() === 'none') return undefined;
    const location = given?.trim() || (await this.linkedTemplates(context)).find((t) => repoName(t.source).toLowerCase() === repoName(target).toLowerCase())?.href;
    return location ? this.templateAt(location, target.owner, target.repo) : undefined;
  }

  /** The issue template at a link or repository path, read and parsed; throws naming it. */
  async templateAt(location: string, owner: string, repo: string): Promise<IssueTemplateUsed> {
    const read = await this.deps.templates.read(location, owner, repo);
    const parsed = parseIssueTemplate(read.text, read.name);
    if (!parsed.ok) throw new Error(`template: ${parsed.message}`);
    return { name: read.name, location, parsed: parsed.template };
  }
}

/** The labels of required fields (`### Label`) a person left empty, for a draft whose template is not at hand. */
function requiredLeftEmpty(required: readonly string[], body: string): string[] {
  if (!required.length) return [];
  return missingRequiredFields({ kind: 'form', name: '', title: '', labels: [], assignees: [], body: '', fields: required.map((label) => ({ type: 'textarea', label, required: true })) }, body);
}

/** A follow-up whose item is in another document (the post-mortem): the record gets a line of its own. */
function withoutItem(followUp: CreatedFollowUp): CreatedFollowUp {
  return { issue: followUp.issue, title: followUp.title, ...(followUp.existing ? { existing: true } : {}) };
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}
