import { yaml } from '../yamlModule';
import { parseRepoName } from './issueRefs';

/** An issue a person reviews before it is sent: where it goes, what it says, and what it is a follow-up of. */
export interface IssueDraft {
  /** `owner/name`. */
  readonly repo: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  /** The incident record (its workspace path), whose Follow-ups get the issue. */
  readonly record?: string;
  /** The checklist item the issue is created for: its document (workspace path), line (1-based, as the editor shows it) and hash. */
  readonly item?: { readonly source: string; readonly line: number; readonly hash: string };
  /** The template it was filled from: its link, or its path in the repository. */
  readonly template?: string;
  /** An issue form's required fields, by label: checked before sending. */
  readonly required?: readonly string[];
}

const KIND_KEY = 'incident-runbook';
const KIND = 'issue draft';
const HINT = '# Review and edit, then choose "Create Issue" above this block. Nothing is sent to GitHub before that.';
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The draft as the Markdown a person edits: its settings in front matter, the issue's body below. */
export function draftText(draft: IssueDraft): string {
  const settings: Record<string, unknown> = {
    [KIND_KEY]: KIND,
    repo: draft.repo,
    title: draft.title,
    labels: [...draft.labels],
    assignees: [...draft.assignees],
    ...(draft.template ? { template: draft.template } : {}),
    ...(draft.required?.length ? { required: [...draft.required] } : {}),
    ...(draft.record ? { record: draft.record } : {}),
    ...(draft.item ? { item: { ...draft.item } } : {}),
  };
  const document = new (yaml().Document)(settings);
  // Lists and the item on one line each, as a person edits them: `labels: [bug, p1]`.
  for (const key of ['labels', 'assignees', 'required', 'item']) {
    const node = document.get(key, true);
    if (yaml().isCollection(node)) node.flow = true;
  }
  const front = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${HINT}\n${front}---\n${draft.body.replace(/^\n+/, '')}`;
}

/** Whether a document is an issue draft this extension wrote (its front matter says so). */
export function isIssueDraft(text: string): boolean {
  const match = FRONT_MATTER.exec(text);
  return Boolean(match && new RegExp(`^${KIND_KEY}:\\s*${KIND}\\s*$`, 'm').test(match[1] ?? ''));
}

export type ReadDraft = { readonly ok: true; readonly draft: IssueDraft } | { readonly ok: false; readonly error: string };

/** The draft as the person left it; an error names the field to fix. */
export function readDraft(text: string): ReadDraft {
  const match = FRONT_MATTER.exec(text);
  if (!match || !isIssueDraft(text)) return { ok: false, error: 'this is not an issue draft (its front matter is missing or was changed)' };
  let data: unknown;
  try {
    data = yaml().parse(match[1] ?? '');
  } catch (error) {
    return { ok: false, error: `the draft's front matter is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const settings = (data ?? {}) as Record<string, unknown>;
  const repo = parseRepoName(settings.repo);
  if (!repo) return { ok: false, error: `repo: ${JSON.stringify(settings.repo ?? null)} is not a repository; write owner/name` };
  const title = typeof settings.title === 'string' ? settings.title.trim() : '';
  if (!title) return { ok: false, error: 'title: the issue needs a title' };
  const labels = names(settings.labels, 'labels');
  if (typeof labels === 'string') return { ok: false, error: labels };
  const assignees = names(settings.assignees, 'assignees');
  if (typeof assignees === 'string') return { ok: false, error: assignees };
  const required = names(settings.required, 'required');
  const item = settings.item as { source?: unknown; line?: unknown; hash?: unknown } | undefined;
  const validItem = item && typeof item.source === 'string' && Number.isInteger(item.line) && typeof item.hash === 'string' ? { source: item.source, line: item.line as number, hash: item.hash } : undefined;
  return {
    ok: true,
    draft: {
      repo: `${repo.owner}/${repo.repo}`,
      title,
      body: text.slice(match[0].length),
      labels,
      assignees,
      ...(typeof settings.record === 'string' ? { record: settings.record } : {}),
      ...(validItem ? { item: validItem } : {}),
      ...(typeof settings.template === 'string' ? { template: settings.template } : {}),
      ...(Array.isArray(required) && required.length ? { required } : {}),
    },
  };
}

/** A list of names, also written as "a, b" or a single name; an error naming the field otherwise. */
export function names(value: unknown, field: string): string[] | string {
  if (value === undefined || value === null || value === '') return [];
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!list || list.some((v) => typeof v !== 'string')) return `${field}: write a list of names, such as [bug, p1]`;
  return (list as string[]).map((v) => v.trim()).filter(Boolean);
}
