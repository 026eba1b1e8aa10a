import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChecklistNode, type ContactNode, type LinkNode, type RunbookNode, type SectionNode, type StepNode, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';

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

  it('uses the file name when there is no H1', () => {
    assert.equal(parseRunbook('## Only H2', { fileName: 'ops/Release-Plan.md' }).title, 'Release-Plan');
  });

  it('parses a 5 MB document', function () {
    this.timeout(30_000);
    const big = Array.from({ length: 75_000 }, (_, i) => `- [ ] step ${i} for 15 minutes with [a link](https://example.com/${i})`).join('\n');
    assert.ok(big.length > 5_000_000);
    const model = parseRunbook(big);
    assert.equal(all(model.children, 'checklist').length, 75_000);
  });
});
