import * as assert from 'node:assert/strict';
import { renderChangesSection, renderChangesTable } from '../../src/core/github/changesTable';
import type { RankedPullRequest } from '../../src/core/github/suspects';

const pr = (url: string, suspect = false): RankedPullRequest => ({ repo: 'acme/store', number: 7, title: 'Fix', author: 'ada', mergedAt: '2026-03-01T10:00:00Z', url, labels: [], suspect, reason: suspect ? 'label risky' : 'merged 2h 00m before the start' });
const at = (iso: string) => iso.slice(11, 16);
const WINDOW = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') };

describe('the changes table: link destinations', () => {
  it('encodes ( and ) so a URL cannot close the link early', () => {
    const [, , row] = renderChangesTable([pr('https://github.com/acme/store/pull/7) [phish](https://evil.example/(x)')], at);
    assert.equal(row, '|  | 10:00 | [acme/store#7](https://github.com/acme/store/pull/7%29%20%5Bphish%5D%28https://evil.example/%28x%29) | Fix | ada |  |');
    assert.equal((row ?? '').match(/\]\(/g)?.length, 1, 'one link in the row');
  });

  it('keeps a pipe or angle bracket in a URL from breaking the row', () => {
    const [, , row] = renderChangesTable([pr('https://github.com/acme/store/pull/7|x<y>')], at);
    assert.equal(row, '|  | 10:00 | [acme/store#7](https://github.com/acme/store/pull/7%7Cx%3Cy%3E) | Fix | ada |  |');
  });
});

describe('the changes section', () => {
  it('marks a list cut short as partial, with the reason, and never says nothing was merged', () => {
    const lines = renderChangesSection({ status: 'partial', pullRequests: [], reason: 'GitHub failed (502); try again.' }, '14:05 CET', WINDOW, at);
    assert.deepEqual(lines, ['_Searched 14:05 CET (merged between 2026-03-01 00:00 UTC and 2026-03-02 00:00 UTC): **partial list**, 0 merged pull requests found before the search stopped (GitHub failed (502); try again.)._']);
    const one = renderChangesSection({ status: 'partial', pullRequests: [pr('https://github.com/acme/store/pull/7', true)], reason: 'the search was cancelled before it finished' }, '14:05 CET', WINDOW, at);
    assert.match(one[0] ?? '', /\*\*partial list\*\*, 1 merged pull request found before the search stopped \(the search was cancelled before it finished\), 1 suspect\._$/);
    assert.match(one[4] ?? '', /^\| ⚠ label risky \| 10:00 \|/);
    assert.equal(one.length, 5);
  });

  it('says nothing was merged only for a complete search', () => {
    assert.deepEqual(renderChangesSection({ status: 'complete', pullRequests: [] }, '14:05 CET', WINDOW, at), ['_Searched 14:05 CET (merged between 2026-03-01 00:00 UTC and 2026-03-02 00:00 UTC): 0 merged pull requests._', '', '_No pull requests were merged in the window._']);
  });
});
