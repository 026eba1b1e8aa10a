/**
 * The terms of a GitHub search, split at whitespace that is neither inside
 * quotes nor inside parentheses: `label:"needs review"` and
 * `(repo:a/b OR repo:c/d)` stay one term each. One pass over the text, no
 * regular expression. An unclosed quote or group runs to the end.
 */
export function tokenizeSearch(text: string): string[] {
  const terms: string[] = [];
  let start = -1;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    const end = c === undefined || (!quoted && depth === 0 && /\s/.test(c));
    if (end) {
      if (start >= 0) terms.push(text.slice(start, i));
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')' && depth > 0) depth--;
  }
  return terms;
}

/** The terms of a `(a OR b OR c)` group, without the OR keywords; undefined for any other term. */
export function orGroup(term: string): string[] | undefined {
  if (!term.startsWith('(') || !term.endsWith(')')) return undefined;
  const inner = tokenizeSearch(term.slice(1, -1));
  const alternatives = inner.filter((t, i) => i % 2 === 0);
  const joints = inner.filter((t, i) => i % 2 === 1);
  return alternatives.length > 0 && joints.every((t) => t === 'OR') && inner.length % 2 === 1 ? alternatives : undefined;
}
