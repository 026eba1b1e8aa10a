/** A GitHub (or GitHub Enterprise) issue, as a link names it. */
export interface IssueRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  /** The issue's web address, as written. */
  readonly url: string;
}

/** `owner/repo`, as settings and messages write a repository. */
export function repoName(ref: Pick<IssueRef, 'owner' | 'repo'>): string {
  return `${ref.owner}/${ref.repo}`;
}

/** `[OWNER/REPO#123](url)`. */
export function issueRefText(issue: IssueRef): string {
  return `[${repoName(issue)}#${issue.number}](${issue.url})`;
}

// An http(s) address up to white space or a character that ends a Markdown link or autolink. Linear: one run of one class.
const URL_RUN = /https?:\/\/[^\s()<>[\]"']+/gi;
/** The longest `[label]` before an issue address that counts as its link's label. */
const MAX_LABEL = 300;
const ISSUE_PATH = /^\/([\w.-]+)\/([\w.-]+)\/issues\/(\d{1,9})\/?$/;

/** The issue addresses in a text (`https://HOST/OWNER/REPO/issues/N`), with where each link starts and ends (the whole `[text](url)` when it is one). */
export function issueLinks(text: string): { readonly issue: IssueRef; readonly start: number; readonly end: number }[] {
  const found: { issue: IssueRef; start: number; end: number }[] = [];
  for (const match of text.matchAll(URL_RUN)) {
    // As GitHub's autolinks: punctuation that ends a sentence is not part of the address.
    const written = match[0].replace(/[.,:;!?]+$/, '');
    const issue = parseIssueUrl(written);
    if (!issue) continue;
    const at = match.index;
    const end = at + written.length;
    // Inside `[label](url)`: the link starts at its `[`. Labels are looked for only so far back, so many links on a line stay linear.
    const from = Math.max(0, at - MAX_LABEL);
    const label = text.charAt(at - 1) === '(' && text.charAt(at - 2) === ']' ? text.slice(from, at - 2) : '';
    const open = label.lastIndexOf('[');
    const wrapped = open >= 0 && text.charAt(end) === ')' && !/[\]\n]/.test(label.slice(open + 1));
    found.push(wrapped ? { issue, start: from + open, end: end + 1 } : { issue, start: at, end });
  }
  return found;
}

/** An issue's web address read into its parts; undefined for anything else (a pull request, a search). */
export function parseIssueUrl(text: string): IssueRef | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const match = ISSUE_PATH.exec(url.pathname);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { owner: match[1], repo: match[2], number: Number(match[3]), url: text };
}

/** `owner/repo` checked: the form GitHub allows, or undefined. */
export function parseRepoName(text: unknown): { owner: string; repo: string } | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([\w.-]{1,100})\/([\w.-]{1,100})$/.exec(text.trim());
  return match?.[1] && match[2] ? { owner: match[1], repo: match[2] } : undefined;
}

/** The longest new-issue address worth opening: browsers and GitHub cut longer ones, losing the end of the body. */
export const MAX_NEW_ISSUE_URL = 8000;

/**
 * GitHub's new-issue page with the issue filled in (`/issues/new?title=&body=&labels=&assignees=`), for a person
 * without a token: they submit it themselves. A body too long for an address is cut, saying so at its end.
 */
export function newIssueUrl(webHost: string, issue: { readonly owner: string; readonly repo: string; readonly title: string; readonly body: string; readonly labels: readonly string[]; readonly assignees: readonly string[] }): { readonly url: string; readonly cut: boolean } {
  const base = `https://${webHost}/${encodeURIComponent(issue.owner)}/${encodeURIComponent(issue.repo)}/issues/new`;
  const query = (body: string) => {
    const params = new URLSearchParams({ title: issue.title, body });
    if (issue.labels.length) params.set('labels', issue.labels.join(','));
    if (issue.assignees.length) params.set('assignees', issue.assignees.join(','));
    return `${base}?${params.toString()}`;
  };
  const whole = query(issue.body);
  if (whole.length <= MAX_NEW_ISSUE_URL) return { url: whole, cut: false };
  const note = '\n\n_(cut: the rest did not fit in the address; paste it from the draft)_';
  let keep = issue.body.length;
  // A fifth shorter each time until it fits: a few dozen tries at most, whatever the body's length.
  while (keep > 0 && query(issue.body.slice(0, keep) + note).length > MAX_NEW_ISSUE_URL) keep = Math.floor(keep * 0.8);
  return { url: query(issue.body.slice(0, keep) + note), cut: true };
}
