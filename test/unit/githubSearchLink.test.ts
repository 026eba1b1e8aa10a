import * as assert from 'node:assert/strict';
import { parseSearchLink } from '../../src/core/github/searchLink';
import { tokenizeSearch } from '../../src/core/github/searchTokens';

const link = (q: string) => `https://github.com/search?q=${encodeURIComponent(q)}&type=pullrequests`;

describe('search link tokenizer', () => {
  it('keeps quoted values and parenthesised groups as one term', () => {
    assert.deepEqual(tokenizeSearch('is:pr  label:"needs review" (repo:a/b OR repo:c/d) -label:"won\'t fix" flaky'), ['is:pr', 'label:"needs review"', '(repo:a/b OR repo:c/d)', '-label:"won\'t fix"', 'flaky']);
    assert.deepEqual(tokenizeSearch('(author:a OR (author:b OR author:c)) "a (b" x'), ['(author:a OR (author:b OR author:c))', '"a (b"', 'x']);
  });

  it('ends an unclosed quote or group at the end of the text', () => {
    assert.deepEqual(tokenizeSearch('label:"open ended'), ['label:"open ended']);
    assert.deepEqual(tokenizeSearch('(repo:a/b OR'), ['(repo:a/b OR']);
    assert.deepEqual(tokenizeSearch(') stray'), [')', 'stray']);
  });

  it('is linear: 200,000 characters of quotes and brackets split at once', () => {
    for (const piece of ['"(', '((', '"', '(a OR ', ' ', '"a" ']) {
      const text = piece.repeat(200_000 / piece.length);
      const started = process.hrtime.bigint();
      tokenizeSearch(text);
      // Not a timing assertion: a quadratic tokenizer would not finish in the test's timeout.
      assert.ok(process.hrtime.bigint() > started);
    }
  });
});

describe('reading a runbook search link', () => {
  it('reads quoted labels and the OR groups the extension itself writes', () => {
    const parsed = parseSearchLink(link('is:pr is:merged (repo:acme/a OR repo:acme/b) label:"needs review" (author:ada OR author:grace) base:main'));
    assert.deepEqual(parsed, { repos: ['acme/a', 'acme/b'], authors: ['ada', 'grace'], labels: ['needs review'], base: 'main', rest: [] });
  });

  it('keeps a group mixing qualifiers, and negated quoted terms, as they are', () => {
    const parsed = parseSearchLink(link('repo:a/b (label:x OR author:y) -label:"do not merge"'));
    assert.deepEqual(parsed, { repos: ['a/b'], authors: [], labels: [], rest: ['(label:x OR author:y)', '-label:"do not merge"'] });
  });
});
