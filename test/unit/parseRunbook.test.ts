import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChecklistNode, type ContactNode, type LinkNode, type RunbookNode, type SectionNode, type StepNode, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { findDurations } from '../../src/core/runbook/textFacts';

const FIXTURE = readFileSync(join(__dirname, '..', 'fixtures', 'runbooks', 'every-construct.md'), 'utf8');

function all<K extends RunbookNode['kind']>(nodes: readonly RunbookNode[], kind: K): Extract<RunbookNode, { kind: K }>[] {
  return [...walk(nodes)].filter((n): n is Extract<RunbookNode, { kind: K }> => n.kind === kind);
}
function section(nodes: readonly RunbookNode[], title: RegExp): SectionNode {
  const found = all(nodes, 'section').find((s) => title.test(s.title));
  assert.ok(found, `no section matching ${title}`);
  return found;
}

describe('parseRunbook on a fixture with every construct', () => {
  const model = parseRunbook(FIXTURE, { fileName: 'every-construct.md' });
  const lines = FIXTURE.split('\n');

  it('takes the title from the first H1 and nests sections by level', () => {
    assert.equal(model.title, 'Storage Incident Playbook');
    const first = section(model.children, /First Reaction/);
    assert.equal(first.level, 2);
    assert.deepEqual(first.children.filter((c) => c.kind === 'section').map((c) => (c as SectionNode).title), ['1. Collect', '2. Notify']);
  });

  it('keeps ordered steps with their ordinals and nesting', () => {
    const collect = section(model.children, /Collect/);
    const steps = collect.children as StepNode[];
    assert.deepEqual(steps.map((s) => [s.ordinal, s.text]), [['1', 'Impact: How many customers?'], ['2', 'Error type: 500s? timeouts?']]);
    const nested = steps[1]?.children[0] as StepNode;
    assert.equal(nested.text, 'Nested ordered step');
    assert.equal((nested.children[0] as StepNode).text, 'Deeply nested bullet');
  });

  it('reads "2.1."-style numbered paragraphs as steps, with their links', () => {
    const notify = section(model.children, /Notify/);
    const steps = notify.children.filter((c): c is StepNode => c.kind === 'step');
    assert.deepEqual(steps.map((s) => s.ordinal), ['2.1', '2.2']);
    const link = steps[0]?.children[0] as LinkNode;
    assert.equal(link.linkKind, 'slack-channel');
    assert.equal(link.label, '#storage-incidents');
  });

  it('keeps fenced code with its language and text', () => {
    const [code] = all(model.children, 'code');
    assert.equal(code?.language, 'slack');
    assert.match(code?.text ?? '', /^Impacted users: xx%\n/);
  });

  it('finds every checklist style, checked or not, and where its box is', () => {
    const items = all(section(model.children, /Checklist/).children, 'checklist');
    assert.deepEqual(items.map((i) => [i.text, i.checked]), [
      ['Dash checklist item', false],
      ['Done dash item', true],
      ['Star checklist item', false],
      ['Bare checklist line', false],
      ['Indented bare line, checked', true],
      ['Bare line with a child', false],
    ]);
    for (const item of items) assert.match(lines[item.box.line]?.slice(item.box.column, item.box.column + 3) ?? '', /^\[[ xX]\]$/);
    assert.equal(items[5]?.children[0]?.kind, 'text');
  });

  it('recognises contacts from role headings, person headings and tables', () => {
    const contacts = all(model.children, 'contact').map((c: ContactNode) => [c.role, c.name, c.handle, c.channels.join('+')]);
    assert.deepEqual(contacts, [
      ['Incident Commander', 'Dana Scully', '@dana', 'Slack+Zoom'],
      ['Technical Lead', 'Fox Mulder', '@fox', ''],
      ['DBA on-call', 'Walter Skinner', '@skinner', ''],
      ['Network', 'John Doggett', '@doggett', ''],
    ]);
  });

  it('extracts durations from steps and the example value of a placeholder', () => {
    const steps = all(section(model.children, /Escalation/).children, 'step');
    assert.deepEqual(steps[1]?.durations.map((d) => d.minutes), [30, 120]);
    assert.deepEqual(steps[2]?.durations.map((d) => d.text), ['1 hour', '1 hour']);
    const [placeholder] = steps[0]?.placeholders ?? [];
    assert.equal(placeholder?.text, '[Timeframe, e.g., 15 minutes]');
    assert.equal(placeholder?.example?.minutes, 15);
    assert.equal(steps[3]?.placeholders[0]?.text, '[TODO: confirm the pager rotation]');
  });

  it('classifies links by kind and vendor, including linkified URLs and HTML anchors', () => {
    const links = all(section(model.children, /Links/).children, 'link').map((l) => `${l.label}:${l.linkKind}${l.vendor ? `/${l.vendor}` : ''}`);
    assert.deepEqual(links, [
      'Datadog:dashboard/Datadog',
      'Grafana:dashboard/Grafana',
      'Sentry:dashboard/Sentry',
      'Kibana:dashboard/Kibana',
      'Merged PRs:github-search',
      'Runbook source:github-file',
      'New ticket:github-issue-template',
      'PagerDuty:pagerduty',
      'Mail the team:email',
      'Wiki:other',
      'Bad:other',
      'https://status.acme.io/:other',
      'Storage overview:dashboard/Datadog',
    ]);
  });

  it('finds images in Markdown and HTML', () => {
    assert.deepEqual(all(model.children, 'image').map((i) => [i.alt, i.src]), [['architecture', 'diagram.png'], ['topology', 'https://example.com/topology.png']]);
  });

  it('keeps HTML blocks as plain text', () => {
    assert.ok(all(model.children, 'text').some((t) => t.text === 'Some HTML block'));
  });

  it('gives every node a line range that points at its text', () => {
    for (const node of walk(model.children)) {
      assert.ok(node.range.start >= 0 && node.range.end <= lines.length && node.range.start < node.range.end, `${node.kind} ${JSON.stringify(node.range)}`);
    }
    const link = all(model.children, 'link').find((l) => l.label === 'Grafana') as LinkNode;
    assert.match(lines[link.range.start] ?? '', /\[Grafana\]/);
    const step = all(model.children, 'checklist').find((c) => c.text === 'Star checklist item') as ChecklistNode;
    assert.match(lines[step.range.start] ?? '', /Star checklist item/);
  });
});

describe('parseRunbook never throws', () => {
  const cases: Record<string, string> = {
    empty: '',
    whitespace: '  \n\n\t',
    bom: '\uFEFF# Title\n- [ ] item',
    crlf: '# Title\r\n\r\n[ ] one\r\n[x] two\r\n',
    binary: String.fromCharCode(...Array.from({ length: 512 }, (_, i) => i % 256)),
    'deep nesting': Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'),
    'deep quotes': `${'>'.repeat(200)} quoted`,
    'broken links': '[label](http://[::1 "x) [x](<>) [y]( javascript:alert(1) ) [ref][missing]',
    'html only': '<script>alert(1)</script>\n<table><tr><td>x</td></tr></table>',
    'heading only': '######',
  };
  for (const [name, source] of Object.entries(cases)) {
    it(`yields a model for ${name} input`, () => {
      const model = parseRunbook(source, { fileName: 'x.md' });
      assert.equal(typeof model.title, 'string');
      for (const node of walk(model.children)) assert.ok(node.range.end <= model.lineCount);
    });
  }

  it('strips a BOM and handles CRLF checklists', () => {
    assert.equal(parseRunbook(cases.bom as string).title, 'Title');
    const crlf = all(parseRunbook(cases.crlf as string).children, 'checklist');
    assert.deepEqual(crlf.map((c) => [c.text, c.checked, c.box.line]), [['one', false, 2], ['two', true, 3]]);
  });

  it('uses the file name when there is no heading', () => {
    assert.equal(parseRunbook('Only text', { fileName: 'ops/Release-Plan.md' }).title, 'Release-Plan');
  });

  it('parses a 5 MB document', function () {
    this.timeout(30_000);
    const big = Array.from({ length: 75_000 }, (_, i) => `- [ ] step ${i} for 15 minutes with [a link](https://example.com/${i})`).join('\n');
    assert.ok(big.length > 5_000_000);
    const model = parseRunbook(big);
    assert.equal(all(model.children, 'checklist').length, 75_000);
  });
});

describe('parseRunbook line numbers', () => {
  const boxes = (source: string) => all(parseRunbook(source).children, 'checklist').map((c) => [c.text, c.box.line, c.sourceText]);

  it('counts a newline inside inline code', () => {
    const source = 'Before deploying, run `kubectl rollout\nstatus deploy/api` and confirm:\n[ ] pods ready\n[ ] error rate normal';
    assert.deepEqual(boxes(source), [['pods ready', 2, 'pods ready'], ['error rate normal', 3, 'error rate normal']]);
  });

  it('counts newlines inside inline HTML, a link title and an image alt', () => {
    assert.deepEqual(boxes('Note <span\ntitle="x">here</span>\n[ ] one'), [['one', 2, 'one']]);
    assert.deepEqual(boxes('See [docs](https://x.io "a\ntitle") first\n[ ] two'), [['two', 2, 'two']]);
    assert.deepEqual(boxes('Look at ![the\ndiagram](d.png)\n[ ] three'), [['three', 2, 'three']]);
    assert.deepEqual(boxes('Line with a hard break\\\nand `code\nspanning` lines\n[x] **four**'), [['four', 3, '**four**']]);
  });

  // The property test's counterexample: the backtick of line 1 closes on line 3, and the code span swallowed line 2's item.
  it('keeps an item on its own line when inline code opened above it closes below it', () => {
    assert.deepEqual(boxes('[ ]\nRun `kubectl rollout\n[ ] task2 done\nRun `kubectl rollout'), [['Run `kubectl rollout', 0, ''], ['task2 done Run `kubectl rollout', 2, 'task2 done']]);
    assert.deepEqual(boxes('Run `a\n    [x] indented\nb` done'), [['indented b` done', 1, 'indented']]);
    assert.deepEqual(boxes('> See [docs](https://x.io "a\n> [ ] quoted\n> title") first'), [['quoted title") first', 1, 'quoted']]);
    const steps = all(parseRunbook('Note <span\n2.1. Notify the team\ntitle="x">here</span>').children, 'step');
    assert.deepEqual(steps.map((s) => [s.ordinal, s.text, s.range.start]), [['2.1', 'Notify the team title="x">here', 1]]);
  });

  it('puts links and steps on their own lines after multi-line code', () => {
    const model = parseRunbook('Run `a\nb` then\n2.1. Notify [#chan](https://acme.slack.com/archives/C1)');
    const [step] = all(model.children, 'step');
    assert.deepEqual([step?.ordinal, step?.range.start], ['2.1', 2]);
    assert.equal(all(model.children, 'link')[0]?.range.start, 2);
  });
});

describe('parseRunbook titles, rows and facts', () => {
  it('takes the title from the first heading of any level', () => {
    assert.equal(parseRunbook('Intro\n\n## Support Plan\n### Hours', { fileName: 'x.md' }).title, 'Support Plan');
    assert.equal(parseRunbook('###### \n\ntext', { fileName: 'notes.md' }).title, 'notes');
  });

  it('keeps a "Label: value" line after a checklist item as its own row', () => {
    const model = parseRunbook('## Stage\n[ ] Flag set\n[ ] Success criteria held for 24 hours\nResults:\nOwner: Ada');
    assert.deepEqual(all(model.children, 'checklist').map((c) => c.text), ['Flag set', 'Success criteria held for 24 hours']);
    assert.deepEqual(all(model.children, 'step').map((s) => [s.text, s.actionable, s.range.start]), [['Results:', false, 3], ['Owner: Ada', false, 4]]);
  });

  it('keeps a wrapped line that only looks like "label: value" as more of the item above it', () => {
    const wrappedTime = parseRunbook('[ ] Check the error rate again after the deploy that went out\nat 14:05 and compare with the baseline');
    assert.deepEqual(all(wrappedTime.children, 'checklist').map((c) => c.text), ['Check the error rate again after the deploy that went out at 14:05 and compare with the baseline']);
    assert.deepEqual(all(wrappedTime.children, 'step'), []);
    // A label in lower case, or one that finishes the sentence the line above left open, is no field.
    const model = parseRunbook('[ ] Post the summary and\nmention: the owner\n[ ] Confirm the rollback with the\nRelease Manager: on Slack\n[ ] Flag set\nowner: Ada\nDate: 2026-03-01');
    assert.deepEqual(all(model.children, 'checklist').map((c) => c.text), ['Post the summary and mention: the owner', 'Confirm the rollback with the Release Manager: on Slack', 'Flag set']);
    assert.deepEqual(all(model.children, 'step').map((s) => s.text), ['owner: Ada', 'Date: 2026-03-01']);
  });

  it('says when a long HTML block has more links and images than it shows, with any other warning', () => {
    const links = (count: number) => Array.from({ length: count }, (_, i) => `<a href="https://x.io/${i}">link ${i}</a>`).join('\n');
    const model = parseRunbook(`# Links\n\n<div>\n${links(250)}\n<img src="a.png">\n</div>\n`);
    assert.equal(all(model.children, 'link').length, 200);
    assert.equal(model.parseWarning, 'Only the first 200 links and images of the HTML block at lines 3–255 are shown.');
    assert.equal(parseRunbook(`<div>\n${links(200)}\n<a name="end">end</a>\n</div>\n`).parseWarning, undefined, 'nothing left out');
    assert.equal(parseRunbook(`<div>${'<img src="a.png">'.repeat(201)}`).parseWarning, 'Only the first 200 links and images of the HTML block at line 1 are shown.');
    const deep = Array.from({ length: 1100 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const both = parseRunbook(`<p>\n${links(250)}\n</p>\n\n${deep}`);
    assert.match(both.parseWarning ?? '', /^Only the first 200 links and images of the HTML block at lines 1–252 are shown\. Lines \d+–1353 are nested more than 1000 levels deep and are not shown\.$/);
  });

  it('marks which bullets ask for an action', () => {
    const model = parseRunbook([
      '- Check that the numbers look reasonable',
      '- ignore the logs from `warm-up`',
      '- If notified by email, investigate the ticket',
      '- **Technical Lead**: start a traceability document',
      '- Technical escalation: without progress after 30 minutes, page the lead.',
      '- Engineers rotate every sprint',
      '- Alerting: Alerts are sent via Slack, text, and phone call.',
      '- New Sentry Errors:',
      '- Dashboards',
      '  - [API](https://app.datadoghq.com/dashboard/a)',
      '1. Impact: How many customers?',
    ].join('\n'));
    assert.deepEqual(all(model.children, 'step').map((s) => [s.text, s.actionable]), [
      ['Check that the numbers look reasonable', true],
      ['ignore the logs from warm-up', true],
      ['If notified by email, investigate the ticket', true],
      ['Technical Lead: start a traceability document', true],
      ['Technical escalation: without progress after 30 minutes, page the lead.', true],
      ['Engineers rotate every sprint', false],
      ['Alerting: Alerts are sent via Slack, text, and phone call.', false],
      ['New Sentry Errors:', false],
      ['Dashboards', false],
      ['Impact: How many customers?', true],
    ]);
  });
});

describe('findDurations', () => {
  it('does not read "-5 minutes" as five minutes, nor durations inside URLs', () => {
    assert.deepEqual(findDurations('window from -5 minutes to now').map((d) => d.minutes), []);
    assert.deepEqual(findDurations('see https://grafana.acme.io/d/x?from=now-6h&to=now&refresh=30m for 10 minutes').map((d) => d.text), ['10 minutes']);
    assert.deepEqual(findDurations('wait 10-15 minutes, then 2-week rotations').map((d) => d.text), ['15 minutes', '2-week']);
  });
});
