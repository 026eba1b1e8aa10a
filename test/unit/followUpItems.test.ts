import * as assert from 'node:assert/strict';
import { type ChecklistItem, checklistItemAt, checklistItems, followUpItems, followUpLine, issueMarker, itemHash, linkItemEdit, openActionItems, tickEdit } from '../../src/core/followUps/actionItems';
import { draftText, type IssueDraft, isIssueDraft, names, readDraft } from '../../src/core/followUps/issueDraft';
import { type IssueRef, issueLinks, issueRefText, parseIssueUrl, parseRepoName } from '../../src/core/followUps/issueRefs';
import { applyTextEdits } from '../../src/core/incident/textEdits';

const ISSUE: IssueRef = { owner: 'o', repo: 'r', number: 12, url: 'https://github.com/o/r/issues/12' };
const LINK = '[o/r#12](https://github.com/o/r/issues/12)';

function defined<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) assert.fail(`no ${what}`);
  return value;
}

/** The only checklist item of a one-item text. */
function onlyItem(text: string): ChecklistItem {
  const items = checklistItems(text);
  assert.equal(items.length, 1, `one item in ${JSON.stringify(text)}`);
  return defined(items[0], 'item');
}

/** The item's line after linking it to ISSUE. */
function linked(text: string, issue: IssueRef = ISSUE): string {
  return applyTextEdits(text, [linkItemEdit(text, onlyItem(text), issue)]);
}

describe('follow-ups: checklist items', () => {
  const DOC = [
    '---',
    'title: x',
    'note: |',
    '  - [ ] in front matter',
    '---',
    '# T',
    '- [ ] dash',
    '* [x] star',
    '+ [X] plus',
    '1. [ ] numbered',
    '2) [ ] paren',
    '- [ ]',
    '```',
    '- [ ] in code',
    '```',
    '~~~md',
    '- [ ] in tilde code',
    '~~~',
    '<!--',
    '- [ ] in comment',
    '-->',
    '<!-- - [ ] one-line comment -->',
    '  - [ ] nested',
    '-[ ] no space',
    '- [] no box',
    '- [y] other mark',
    'text - [ ] not at the start',
    '',
  ].join('\n');

  it('reads -, *, + and numbered markers, [x] and [X], an empty item, and nothing in front matter, code fences or HTML comments', () => {
    const items = checklistItems(DOC);
    assert.deepEqual(
      items.map((i) => [i.line, i.checked, i.text, i.title]),
      [
        [6, false, 'dash', 'dash'],
        [7, true, 'star', 'star'],
        [8, true, 'plus', 'plus'],
        [9, false, 'numbered', 'numbered'],
        [10, false, 'paren', 'paren'],
        [11, false, '', ''],
        [22, false, 'nested', 'nested'],
      ],
    );
    // The box offset is the character between the brackets, on the item's own line.
    const lines = DOC.split('\n');
    for (const item of items) {
      const start = lines.slice(0, item.line).reduce((n, l) => n + l.length + 1, 0);
      assert.equal(item.boxOffset, start + defined(lines[item.line]).indexOf('[') + 1, `box of line ${item.line}`);
    }
    assert.deepEqual(
      items.map((i) => DOC.charAt(i.boxOffset)),
      [' ', 'x', 'X', ' ', ' ', ' ', ' '],
    );
  });

  it('reads CRLF lines without the \\r, with trailing white space trimmed, and offsets in the CRLF text', () => {
    const text = 'x\r\n- [ ] a\r\n- [x] b  \r\n- [ ]\r\n';
    assert.deepEqual(
      checklistItems(text).map((i) => ({ line: i.line, checked: i.checked, text: i.text, title: i.title, boxOffset: i.boxOffset })),
      [
        { line: 1, checked: false, text: 'a', title: 'a', boxOffset: 6 },
        { line: 2, checked: true, text: 'b', title: 'b', boxOffset: 15 },
        { line: 3, checked: false, text: '', title: '', boxOffset: 26 },
      ],
    );
  });

  it('reads the issue a line links, and the title after the link this extension writes first', () => {
    const text = `- [ ] ${LINK} Add an alert\n- [x] see https://github.com/o/r/issues/3 later\n- [ ] plain\n`;
    const items = checklistItems(text);
    assert.deepEqual(
      items.map((i) => ({ text: i.text, title: i.title, issue: i.issue })),
      [
        { text: `${LINK} Add an alert`, title: 'Add an alert', issue: ISSUE },
        { text: 'see https://github.com/o/r/issues/3 later', title: 'see https://github.com/o/r/issues/3 later', issue: { owner: 'o', repo: 'r', number: 3, url: 'https://github.com/o/r/issues/3' } },
        { text: 'plain', title: 'plain', issue: undefined },
      ],
    );
    assert.equal('issue' in defined(items[2]), false);
  });

  it('checklistItemAt: the item on a line, nothing on a line that is not one or is in code', () => {
    const text = 'a\n- [ ] x\n```\n- [ ] y\n```\n';
    assert.deepEqual(checklistItemAt(text, 1), { line: 1, checked: false, text: 'x', title: 'x', hash: itemHash('x'), boxOffset: 5 });
    assert.equal(checklistItemAt(text, 0), undefined);
    assert.equal(checklistItemAt(text, 3), undefined);
    assert.equal(checklistItemAt(text, 99), undefined);
  });
});

describe('follow-ups: open action items', () => {
  it('reads only Action items / Follow-ups / Corrective actions sections of any level, each to the next heading of its level or higher, skipping checked and empty items', () => {
    const text = [
      '---',
      'a: 1',
      '---',
      '# T',
      '- [ ] top',
      '## Post-incident',
      '- [ ] post-incident checklist',
      '## Action items',
      '- [ ] one',
      '- [x] done',
      '- [X] done too',
      '- [ ]',
      '- [ ]   ',
      '### Sub',
      '- [ ] sub item',
      '## Other',
      '- [ ] other',
      '#### Follow-ups:',
      '- [ ] deep',
      '# Corrective actions',
      '- [ ] ca',
      '```',
      '## Action items',
      '- [ ] fenced',
      '```',
      '<!-- - [ ] commented -->',
      '',
    ].join('\n');
    assert.deepEqual(
      openActionItems(text).map((i) => [i.line, i.title]),
      [
        [8, 'one'],
        [14, 'sub item'],
        [18, 'deep'],
        [20, 'ca'],
      ],
    );
  });

  it('matches the headings as templates write them (emoji, numbering, case), and not Next steps', () => {
    const text = '---\na: 1\n---\n## 📋 Action Items\n- [ ] emoji\n## 2. Follow ups\n- [ ] numbered\n## Remediation items\n- [ ] remediation\n## Next steps\n- [ ] next\n## Post-incident\n- [ ] post\n';
    assert.deepEqual(
      openActionItems(text).map((i) => i.title),
      ['emoji', 'numbered', 'remediation'],
    );
  });

  it('reads a post-mortem with no front matter, and nothing in a record without such a section', () => {
    assert.deepEqual(
      openActionItems('# PM\n## Action items\n- [ ] a\n').map((i) => i.title),
      ['a'],
    );
    assert.deepEqual(openActionItems('---\na: 1\n---\n## Post-incident\n- [ ] a\n## Summary\n- [ ] b\n'), []);
  });

  it('followUpItems: the checklist lines that link an issue, checked or not, outside code', () => {
    const text = `---\na: 1\n---\n- [ ] ${LINK} A\n- [x] [o/r#3](https://github.com/o/r/issues/3) B\n- [ ] no link\n- [ ] a PR https://github.com/o/r/pull/4\n\`\`\`\n- [ ] ${LINK} in code\n\`\`\`\n`;
    assert.deepEqual(
      followUpItems(text).map((f) => [f.line, f.checked, f.title, f.issue.number]),
      [
        [3, false, 'A', 12],
        [4, true, 'B', 3],
      ],
    );
  });
});

describe('follow-ups: linking and ticking items', () => {
  it('linkItemEdit puts the issue link after the box, keeping the rest of the line', () => {
    assert.equal(linked('- [ ] Add an alert'), `- [ ] ${LINK} Add an alert`);
    assert.equal(linked('  1. [x] Done it, see [runbook](https://example.com/x)'), `  1. [x] ${LINK} Done it, see [runbook](https://example.com/x)`);
    assert.equal(linked('- [ ]\tAdd'), `- [ ] ${LINK} Add`);
    assert.equal(linked('* [ ] GHE', { owner: 'team', repo: 'svc', number: 7, url: 'https://ghe.example.com/team/svc/issues/7' }), '* [ ] [team/svc#7](https://ghe.example.com/team/svc/issues/7) GHE');
  });

  it('linkItemEdit keeps CRLF and the lines around it', () => {
    const text = 'a\r\n- [ ] Add an alert\r\n- [ ] next\r\n';
    const item = defined(checklistItemAt(text, 1));
    assert.equal(applyTextEdits(text, [linkItemEdit(text, item, ISSUE)]), `a\r\n- [ ] ${LINK} Add an alert\r\n- [ ] next\r\n`);
  });

  it('linkItemEdit on an item with no text writes just the link', () => {
    assert.equal(linked('- [ ]'), `- [ ] ${LINK}`);
    assert.equal(linked('- [ ] '), `- [ ] ${LINK}`);
    const crlf = '- [ ]\r\n- [ ] b\r\n';
    assert.equal(applyTextEdits(crlf, [linkItemEdit(crlf, defined(checklistItemAt(crlf, 0)), ISSUE)]), `- [ ] ${LINK}\r\n- [ ] b\r\n`);
  });

  it('a linked line reads back with its issue and the same title and hash', () => {
    for (const line of ['- [ ] Add an alert', '- [ ] Check [runbook](https://example.com) and https://github.com/o/r/issues/3', '- [x]   Spaced   out  ', '- [ ]']) {
      const before = onlyItem(line);
      const after = onlyItem(linked(line));
      assert.deepEqual(after.issue, ISSUE, line);
      assert.equal(after.title, before.title, line);
      assert.equal(after.hash, before.hash, line);
    }
  });

  it('followUpLine: `- [ ] [o/r#12](url) title`, the title on one line, no trailing space without one', () => {
    assert.equal(followUpLine(ISSUE, 'Add an alert'), `- [ ] ${LINK} Add an alert`);
    assert.equal(followUpLine(ISSUE, '  Fix\n the   pool \r\n'), `- [ ] ${LINK} Fix the pool`);
    assert.equal(followUpLine(ISSUE, ''), `- [ ] ${LINK}`);
  });

  it('tickEdit ticks the box and nothing else', () => {
    const text = `x\r\n  * [ ] ${LINK} A\r\n- [ ] b\r\n`;
    assert.equal(applyTextEdits(text, [tickEdit(defined(checklistItemAt(text, 1)))]), `x\r\n  * [x] ${LINK} A\r\n- [ ] b\r\n`);
    assert.equal(applyTextEdits('1. [ ]', [tickEdit(onlyItem('1. [ ]'))]), '1. [x]');
  });

  it('issueMarker names the record and the item hash in an HTML comment', () => {
    assert.equal(issueMarker('2026-03-01-1405-travel-pay-500s', '284e51b5'), '<!-- incident-runbook: 2026-03-01-1405-travel-pay-500s#284e51b5 -->');
  });

  it('itemHash: FNV-1a, 8 hex digits, the same for the same text in another case or spacing, different for different texts', () => {
    assert.equal(itemHash(''), '811c9dc5');
    assert.equal(itemHash('a'), 'e40c292c');
    assert.equal(itemHash('Add an alert'), '284e51b5');
    assert.equal(itemHash('  add   AN\talert \n'), '284e51b5');
    assert.equal(itemHash('ADD AN ALERT'), '284e51b5');
    assert.notEqual(itemHash('Add an alarm'), itemHash('Add an alert'));
    assert.notEqual(itemHash('Add analert'), itemHash('Add an alert'));
    assert.notEqual(itemHash('b'), itemHash('a'));
    assert.match(itemHash('🚨 ünïcode'), /^[0-9a-f]{8}$/);
    assert.equal(onlyItem('- [ ] Add  an ALERT').hash, '284e51b5');
  });
});

describe('follow-ups: issue links', () => {
  it('finds a bare issue URL', () => {
    assert.deepEqual(issueLinks('see https://github.com/o/r/issues/12 now'), [{ issue: ISSUE, start: 4, end: 36 }]);
  });

  it('a [label](url) link starts at its [ and ends after its )', () => {
    const text = `see ${LINK} now`;
    const links = issueLinks(text);
    assert.deepEqual(links, [{ issue: ISSUE, start: 4, end: 46 }]);
    assert.equal(text.slice(4, 46), LINK);
    const two = '[a](https://github.com/o/r/issues/1)[b c](https://github.com/o/r/issues/2)';
    assert.deepEqual(
      issueLinks(two).map((l) => [l.issue.number, two.slice(l.start, l.end)]),
      [
        [1, '[a](https://github.com/o/r/issues/1)'],
        [2, '[b c](https://github.com/o/r/issues/2)'],
      ],
    );
    // An autolink and a parenthesised URL are the URL alone.
    assert.deepEqual(issueLinks('<https://github.com/o/r/issues/9>'), [{ issue: { owner: 'o', repo: 'r', number: 9, url: 'https://github.com/o/r/issues/9' }, start: 1, end: 32 }]);
    assert.deepEqual(issueLinks('(https://github.com/o/r/issues/12)'), [{ issue: ISSUE, start: 1, end: 33 }]);
  });

  it('pull requests, searches and other GitHub pages are not issues', () => {
    const text = 'https://github.com/o/r/pull/12 https://github.com/o/r/issues?q=is%3Aopen https://github.com/o/r/issues https://github.com/o/r/issues/new https://github.com/issues https://github.com/o/r/discussions/3 https://github.com/o/r/x/issues/4';
    assert.deepEqual(issueLinks(text), []);
  });

  it('accepts GitHub Enterprise hosts, http and https only', () => {
    const text = 'https://ghe.example.com/team/svc/issues/7 http://ghe.local:8080/a/b/issues/1 ftp://github.com/o/r/issues/2';
    assert.deepEqual(
      issueLinks(text).map((l) => [l.issue.owner, l.issue.repo, l.issue.number, l.issue.url]),
      [
        ['team', 'svc', 7, 'https://ghe.example.com/team/svc/issues/7'],
        ['a', 'b', 1, 'http://ghe.local:8080/a/b/issues/1'],
      ],
    );
    assert.equal(parseIssueUrl('ftp://github.com/o/r/issues/2'), undefined);
    assert.equal(parseIssueUrl('file:///o/r/issues/2'), undefined);
  });

  it('finds a bare issue URL that ends a sentence or a clause (a trailing . or , as GitHub renders it)', () => {
    const url = 'https://github.com/o/r/issues/9';
    const nine = { owner: 'o', repo: 'r', number: 9, url };
    assert.deepEqual(issueLinks(`Tracked in ${url}.`), [{ issue: nine, start: 11, end: 42 }]);
    assert.deepEqual(issueLinks(`${url}, and more`), [{ issue: nine, start: 0, end: 31 }]);
  });

  it('parseIssueUrl reads owner, repo, number and keeps the URL as written', () => {
    assert.deepEqual(parseIssueUrl('https://github.com/o/r/issues/12'), ISSUE);
    assert.deepEqual(parseIssueUrl('https://github.com/my-org/my.repo_1/issues/12/'), { owner: 'my-org', repo: 'my.repo_1', number: 12, url: 'https://github.com/my-org/my.repo_1/issues/12/' });
    assert.deepEqual(parseIssueUrl('https://github.com/o/r/issues/12#issuecomment-1'), { ...ISSUE, url: 'https://github.com/o/r/issues/12#issuecomment-1' });
    assert.equal(parseIssueUrl('https://github.com/o/r/pull/12'), undefined);
    assert.equal(parseIssueUrl('https://github.com/o/r/issues'), undefined);
    assert.equal(parseIssueUrl('not a url'), undefined);
    assert.equal(parseIssueUrl('javascript:alert(1)'), undefined);
    assert.equal(parseIssueUrl('https://github.com/o/r/issues/1234567890'), undefined);
  });

  it('parseRepoName: owner/name as GitHub allows it, or undefined', () => {
    assert.deepEqual(parseRepoName('o/r'), { owner: 'o', repo: 'r' });
    assert.deepEqual(parseRepoName(' my-org/my.repo_1 '), { owner: 'my-org', repo: 'my.repo_1' });
    for (const bad of ['o', 'o/r/x', 'o /r', '/r', 'o/', '', `${'a'.repeat(101)}/r`, 3, null, undefined, ['o/r']]) assert.equal(parseRepoName(bad), undefined, JSON.stringify(bad));
  });

  it('issueRefText: [owner/repo#N](url)', () => {
    assert.equal(issueRefText(ISSUE), LINK);
    assert.equal(issueRefText({ owner: 'team', repo: 'svc', number: 7, url: 'https://ghe.example.com/team/svc/issues/7' }), '[team/svc#7](https://ghe.example.com/team/svc/issues/7)');
  });

  it('completes on hostile lines: 1 MB of `](https://`, and 50,000 issue links on one line', () => {
    const hostile = '](https://'.repeat(100_000);
    assert.equal(hostile.length, 1_000_000);
    assert.equal(issueLinks(hostile).length, 0);
    assert.equal(checklistItems(`- [ ] ${hostile}`).length, 1);

    const many = Array.from({ length: 50_000 }, (_, i) => `[o/r#${i + 1}](https://github.com/o/r/issues/${i + 1})`).join(' ');
    const links = issueLinks(many);
    assert.equal(links.length, 50_000);
    const last = defined(links.at(-1));
    assert.equal(last.issue.number, 50_000);
    assert.equal(many.slice(last.start, last.end), '[o/r#50000](https://github.com/o/r/issues/50000)');
    assert.equal(last.end, many.length);
    const item = onlyItem(`- [ ] ${many}`);
    assert.equal(item.issue?.number, 1);

    const bare = Array.from({ length: 50_000 }, (_, i) => `](https://github.com/o/r/issues/${i + 1}`).join('');
    assert.equal(issueLinks(bare).length, 50_000);
  });
});

describe('follow-ups: issue drafts', () => {
  const FULL: IssueDraft = {
    repo: 'o/r',
    title: 'Add an alert: p99 > 2s #1',
    body: 'Intro\n---\nid: fake\nincident-runbook: issue draft\ntitle: not the title\n---\n\nMore text\n---\n<!-- incident-runbook: rec#284e51b5 -->\n',
    labels: ['bug', 'p1', 'needs, triage', 'yes'],
    assignees: ['ada', 'null'],
    required: ['What happened?', 'Impact'],
    record: 'file:///w/incidents/2026-03-01-1405-travel-pay-500s.md',
    item: { source: 'file:///w/incidents/2026-03-01-1405-travel-pay-500s-postmortem.md', line: 41, hash: '1e100000' },
    template: 'Bug report (.github/ISSUE_TEMPLATE/bug.md)',
  };
  const MIN: IssueDraft = { repo: 'o/r', title: 'T', body: 'b', labels: [], assignees: [] };

  it('draftText then readDraft gives back every field, a body with --- lines and front-matter-looking text kept whole', () => {
    const text = draftText(FULL);
    assert.ok(text.startsWith('---\n# Review and edit, then choose "Create Issue" above this block. Nothing is sent to GitHub before that.\nincident-runbook: issue draft\nrepo: o/r\n'), text);
    assert.ok(text.endsWith(`---\n${FULL.body}`), text);
    assert.deepEqual(readDraft(text), { ok: true, draft: FULL });
  });

  it('round-trips the least draft, and a body that starts with a --- line', () => {
    const text = draftText(MIN);
    assert.equal(text, '---\n# Review and edit, then choose "Create Issue" above this block. Nothing is sent to GitHub before that.\nincident-runbook: issue draft\nrepo: o/r\ntitle: T\nlabels: []\nassignees: []\n---\nb');
    assert.deepEqual(readDraft(text), { ok: true, draft: MIN });
    const fenced = { ...MIN, body: '---\nx: y\n---\n' };
    assert.deepEqual(readDraft(draftText(fenced)), { ok: true, draft: fenced });
  });

  it('round-trips titles YAML would read as something else', () => {
    for (const title of ['yes', 'null', '~', '123', '1.5', '---', '- x', 'a # b', '"quoted"', "'", '@x', '`x`', '[o/r#1] fix: {a}', '2026-03-01', '🚨 ünïcode']) {
      assert.deepEqual(readDraft(draftText({ ...MIN, title })), { ok: true, draft: { ...MIN, title } }, title);
    }
  });

  it('isIssueDraft: only a document whose front matter carries the marker', () => {
    assert.equal(isIssueDraft(draftText(MIN)), true);
    assert.equal(isIssueDraft(draftText(MIN).replace(/\n/g, '\r\n')), true);
    assert.equal(isIssueDraft('---\nincident-runbook: issue draft\n---\n'), true);
    assert.equal(isIssueDraft('# hi'), false);
    assert.equal(isIssueDraft('---\ntitle: x\n---\nincident-runbook: issue draft\n'), false);
    assert.equal(isIssueDraft('x\n---\nincident-runbook: issue draft\n---\n'), false);
    assert.equal(isIssueDraft('---\nincident-runbook: postmortem\n---\n'), false);
  });

  it('readDraft errors name the field to fix', () => {
    const text = draftText(MIN);
    const edited = (from: string, to: string) => {
      assert.ok(text.includes(from), from);
      return readDraft(text.replace(from, to));
    };
    assert.deepEqual(edited('repo: o/r', 'repo: just-a-name'), { ok: false, error: 'repo: "just-a-name" is not a repository; write owner/name' });
    assert.deepEqual(edited('repo: o/r', 'repo: o/r/x'), { ok: false, error: 'repo: "o/r/x" is not a repository; write owner/name' });
    assert.deepEqual(edited('repo: o/r\n', ''), { ok: false, error: 'repo: null is not a repository; write owner/name' });
    assert.deepEqual(edited('title: T', 'title: "  "'), { ok: false, error: 'title: the issue needs a title' });
    assert.deepEqual(edited('title: T\n', ''), { ok: false, error: 'title: the issue needs a title' });
    assert.deepEqual(edited('labels: []', 'labels: {a: 1}'), { ok: false, error: 'labels: write a list of names, such as [bug, p1]' });
    assert.deepEqual(edited('labels: []', 'labels: [1, 2]'), { ok: false, error: 'labels: write a list of names, such as [bug, p1]' });
    assert.deepEqual(edited('assignees: []', 'assignees: [[ada]]'), { ok: false, error: 'assignees: write a list of names, such as [bug, p1]' });
    const invalid = edited('title: T', 'title: [unclosed');
    assert.equal(invalid.ok, false);
    assert.match(invalid.ok ? '' : invalid.error, /^the draft's front matter is not valid YAML: \S/);
    assert.deepEqual(edited('incident-runbook: issue draft\n', ''), { ok: false, error: 'this is not an issue draft (its front matter is missing or was changed)' });
    assert.deepEqual(readDraft('# no front matter'), { ok: false, error: 'this is not an issue draft (its front matter is missing or was changed)' });
  });

  it('readDraft reads labels written as "a, b" and drops an item that is not whole', () => {
    const text = draftText(MIN);
    assert.deepEqual(readDraft(text.replace('labels: []', 'labels: "bug, p1 ,"').replace('assignees: []', 'assignees: ada')), { ok: true, draft: { ...MIN, labels: ['bug', 'p1'], assignees: ['ada'] } });
    const item = draftText({ ...MIN, item: { source: 'file:///a', line: 0, hash: '00000001' } });
    assert.deepEqual(readDraft(item), { ok: true, draft: { ...MIN, item: { source: 'file:///a', line: 0, hash: '00000001' } } });
    assert.deepEqual(readDraft(item.replace('line: 0', 'line: "x"')), { ok: true, draft: MIN });
  });

  it('names(): "a, b" strings, a single name, lists; an error naming the field otherwise', () => {
    assert.deepEqual(names('a, b', 'labels'), ['a', 'b']);
    assert.deepEqual(names(' single ', 'labels'), ['single']);
    assert.deepEqual(names(['a', ' b ', ''], 'labels'), ['a', 'b']);
    assert.deepEqual(names(' , ,', 'labels'), []);
    assert.deepEqual(names('', 'labels'), []);
    assert.deepEqual(names(null, 'labels'), []);
    assert.deepEqual(names(undefined, 'labels'), []);
    assert.equal(names(3, 'labels'), 'labels: write a list of names, such as [bug, p1]');
    assert.equal(names(['a', 2], 'assignees'), 'assignees: write a list of names, such as [bug, p1]');
    assert.equal(names({ a: 'b' }, 'required'), 'required: write a list of names, such as [bug, p1]');
  });
});
