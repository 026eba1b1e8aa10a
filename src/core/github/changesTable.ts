export interface MergedPullRequest {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly author: string;
  /** ISO 8601. */
  readonly mergedAt: string;
  readonly url: string;
  readonly labels: readonly string[];
}

/** Text safe inside a Markdown table cell: no row or cell breaks, no code spans, no HTML. */
export function escapeCell(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]')
    .trim();
}

/** The "what changed" table for an incident record, oldest merge first. */
export function renderChangesTable(prs: readonly MergedPullRequest[], describeTime: (iso: string) => string): string[] {
  if (prs.length === 0) return ['_No pull requests were merged in the window._'];
  const rows = [...prs].sort((a, b) => a.mergedAt.localeCompare(b.mergedAt)).map((pr) => `| ${escapeCell(describeTime(pr.mergedAt))} | [${escapeCell(`${pr.repo}#${pr.number}`)}](${pr.url.replace(/[()\s]/g, encodeURIComponent)}) | ${escapeCell(pr.title)} | ${escapeCell(pr.author)} |`);
  return ['| Merged at | Pull request | Title | Author |', '| --- | --- | --- | --- |', ...rows];
}

/** Keeps the first of each repo#number. */
export function dedupe(prs: Iterable<MergedPullRequest>): MergedPullRequest[] {
  const seen = new Map<string, MergedPullRequest>();
  for (const pr of prs) {
    const key = `${pr.repo.toLowerCase()}#${pr.number}`;
    if (!seen.has(key)) seen.set(key, pr);
  }
  return [...seen.values()];
}
