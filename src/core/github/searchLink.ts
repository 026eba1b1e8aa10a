/** What a runbook's GitHub search link says about the changes to look at. */
export interface SearchDefaults {
  readonly repos: readonly string[];
  readonly authors: readonly string[];
  readonly base?: string;
  readonly labels: readonly string[];
  /** Terms kept as they are (anything but repo:, author:, type:/is: pr and merged, merged:). */
  readonly rest: readonly string[];
}

const QUALIFIER = /^(-?)([a-z-]+):(.*)$/i;

/** Reads the `q` of a github.com/search link; undefined for any other URL. */
export function parseSearchLink(url: string): SearchDefaults | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/(^|\.)github\.com$/i.test(parsed.hostname) || parsed.pathname.replace(/\/$/, '') !== '/search') return undefined;
  const q = parsed.searchParams.get('q');
  if (q === null) return undefined;
  const repos: string[] = [];
  const authors: string[] = [];
  const labels: string[] = [];
  const rest: string[] = [];
  let base: string | undefined;
  for (const term of q.split(/\s+/).filter(Boolean)) {
    const [, negated, key = '', value = ''] = QUALIFIER.exec(term) ?? [];
    const name = key.toLowerCase();
    if (negated || !value) rest.push(term);
    else if (name === 'repo') repos.push(value);
    else if (name === 'author') authors.push(value);
    else if (name === 'label') labels.push(value.replace(/^"|"$/g, ''));
    else if (name === 'base') base = value;
    else if ((name === 'type' || name === 'is') && /^(pr|pull-request|merged)$/i.test(value)) continue;
    else if (name === 'merged') continue;
    else rest.push(term);
  }
  return { repos: unique(repos), authors: unique(authors), labels: unique(labels), rest, ...(base ? { base } : {}) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
