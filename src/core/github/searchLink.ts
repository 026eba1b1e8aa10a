import { orGroup, tokenizeSearch } from './searchTokens';

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
  for (const term of tokenizeSearch(q)) {
    const alternatives = orGroup(term);
    if (alternatives) {
      // `(repo:a/b OR repo:c/d)`, as the extension writes it: a list of one qualifier.
      const values = alternatives.map((t) => qualifier(t));
      const name = values[0]?.name;
      const list = name === 'repo' ? repos : name === 'author' ? authors : name === 'label' ? labels : undefined;
      if (list && values.every((v) => v.name === name && !v.negated && v.value)) list.push(...values.map((v) => v.value));
      else rest.push(term);
      continue;
    }
    const { negated, name, value } = qualifier(term);
    if (negated || !value) rest.push(term);
    else if (name === 'repo') repos.push(value);
    else if (name === 'author') authors.push(value);
    else if (name === 'label') labels.push(value);
    else if (name === 'base') base = value;
    else if ((name === 'type' || name === 'is') && /^(pr|pull-request|merged)$/i.test(value)) continue;
    else if (name === 'merged') continue;
    else rest.push(term);
  }
  return { repos: unique(repos), authors: unique(authors), labels: unique(labels), rest, ...(base ? { base } : {}) };
}

/** `-label:"needs review"` → negated, `label`, `needs review`; a term without a qualifier has no name. */
function qualifier(term: string): { negated: boolean; name: string; value: string } {
  const [, negated = '', key = '', value = ''] = QUALIFIER.exec(term) ?? [];
  return { negated: negated !== '', name: key.toLowerCase(), value: value.replace(/^"|"$/g, '') };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
