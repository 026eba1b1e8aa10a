import { type Runbook, walk } from '../runbook/model';
import { parseTemplateLink, type TemplateSource } from '../templates/templateSource';

export type GitHubTemplateSource = Extract<TemplateSource, { kind: 'github' }>;

/** An issue template the runbook links ("create a ticket … using this [template](…/.github/ISSUE_TEMPLATE/x.md)"). */
export interface RunbookIssueTemplate {
  /** The link exactly as written. */
  readonly href: string;
  readonly source: GitHubTemplateSource;
  /** 0-based line of the link. */
  readonly line: number;
}

/** The issue templates a runbook links, in document order, each once. */
export function runbookIssueTemplates(runbook: Runbook): RunbookIssueTemplate[] {
  const found = new Map<string, RunbookIssueTemplate>();
  for (const node of walk(runbook.children)) {
    if (node.kind !== 'link' || node.linkKind !== 'github-issue-template' || found.has(node.url)) continue;
    const source = parseTemplateLink(node.url);
    if (source?.kind === 'github') found.set(node.url, { href: node.url, source, line: node.range.start });
  }
  return [...found.values()];
}

/** Whether a template file is one GitHub offers when opening an issue: Markdown or an issue form (not the chooser's config.yml). */
export function isIssueTemplateFile(name: string): boolean {
  return /\.(?:md|ya?ml)$/i.test(name) && !/^config\.ya?ml$/i.test(name);
}
