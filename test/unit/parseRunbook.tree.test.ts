import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChecklistNode } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { buildViewTree, markdownCodeSpan, toggleBoxInLine, tooltipFor, type ViewNode } from '../../src/core/runbook/treeModel';
import { requireSeeds } from './seeds';

const NOTHING_DONE = { isDone: () => false };

function tree(source: string, fileName = 'runbook.md'): ViewNode[] {
  return buildViewTree(parseRunbook(source, { fileName }), 'file:///runbook.md', NOTHING_DONE);
}
function flatten(rows: readonly ViewNode[]): ViewNode[] {
  return rows.flatMap((r) => [r, ...flatten(r.children)]);
}
function find(rows: readonly ViewNode[], label: RegExp | string): ViewNode {
  const row = flatten(rows).find((r) => (typeof label === 'string' ? r.label === label : label.test(r.label)));
  assert.ok(row, `no row ${label}`);
  return row;
}
/** One line per row: a box for rows with a checkbox, the description after "—". */
function outline(rows: readonly ViewNode[], depth = 0): string[] {
  return rows.flatMap((r) => [
    `${'  '.repeat(depth)}${r.checked === undefined ? '' : r.checked ? '[x] ' : '[ ] '}${r.label}${r.description ? ` — ${r.description}` : ''}`,
    ...outline(r.children, depth + 1),
  ]);
}
const boxes = (rows: readonly ViewNode[]) => flatten(rows).filter((r) => r.checked !== undefined).map((r) => r.label);

describe('Playbook rows', () => {
  it('shows the content of the heading that gave the title, whatever its level', () => {
    const rows = tree('## Support Plan\n### Hours\n- Check the pager');
    assert.deepEqual(outline(rows), ['Hours — 0/1', '  [ ] Check the pager']);
  });

  it('gives checkboxes to things to do only, and counts only those', () => {
    const rows = tree([
      '# Plan', '## Tasks',
      '- Monitor the queues',
      '    - Slack channels',
      '        - [#alerts](https://acme.slack.com/archives/C1)',
      '            - Check that the bot posted today',
      '    - Engineers rotate every sprint',
      '- Owner: Ada',
      '1. Page the lead',
    ].join('\n'));
    assert.deepEqual(outline(rows), [
      'Tasks — 0/3',
      '  [ ] Monitor the queues',
      '    Slack channels',
      '      #alerts — acme.slack.com',
      '        [ ] Check that the bot posted today',
      '    Engineers rotate every sprint',
      '  Owner: Ada',
      '  [ ] 1 Page the lead',
    ]);
    assert.equal(find(rows, '#alerts').contextValue, 'link.slack-channel');
  });

  it('keeps "Results:" as its own row below the item it followed', () => {
    const rows = tree('# Plan\n## Stage 1%\n[ ] Flag set to 1%\n[ ] Success criteria held for 24 hours\nResults:');
    assert.deepEqual(outline(rows), ['Stage 1% — 0/2', '  [ ] Flag set to 1%', '  [ ] Success criteria held for 24 hours — 24 hours', '  Results:']);
  });

  it('shows a link\'s URL as written, for a code span without Markdown escapes', () => {
    const url = 'https://app.datadoghq.com/dashboard/abc?from_ts=1&to_ts=2&live=true';
    const tooltip = tooltipFor(find(tree(`# R\n- [Errors](${url})`), 'Errors'));
    assert.equal(tooltip.url, url);
    assert.ok(!tooltip.lines.includes(url));
    assert.equal(markdownCodeSpan(url), `\`${url}\``);
    assert.equal(markdownCodeSpan('a`b'), '``a`b``');
  });

  it('shows a warning row when part of the document is not shown', () => {
    const deep = Array.from({ length: 1100 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const [first] = tree(`# Deep\n${deep}`);
    assert.equal(first?.icon, 'warning');
    assert.match(first?.label ?? '', /^Lines \d+–1101 are nested more than 1000 levels deep/);
  });
});

describe('toggleBoxInLine', () => {
  const item = (sourceText: string): Pick<ChecklistNode, 'box' | 'sourceText'> => ({ box: { line: 3, column: 0 }, sourceText });

  it('refuses a line that no longer holds the item\'s own text', () => {
    assert.equal(toggleBoxInLine('[ ] pods ready', item('error rate normal'), true), undefined);
  });

  it('sets the box of a line that holds it, even if the box was changed meanwhile', () => {
    assert.equal(toggleBoxInLine('[ ] error rate normal', item('error rate normal'), true), '[x] error rate normal');
    assert.equal(toggleBoxInLine('[X] error rate normal', item('error rate normal'), false), '[ ] error rate normal');
  });
});

describe('Playbook rows of the fixture and the real runbooks', () => {
  it('every-construct.md: checkboxes on steps and checklist items, not on links or notes', () => {
    const source = readFileSync(join(__dirname, '..', 'fixtures', 'runbooks', 'every-construct.md'), 'utf8');
    const rows = tree(source);
    assert.equal(find(rows, /Links/).description, undefined);
    assert.equal(find(rows, /Checklist/).description, '2/6');
    assert.equal(find(rows, 'Page the lead after 30 minutes, then every 2 hours.').checked, false);
  });

  it('without step ticks (a support plan, ticked per shift): steps have no box, a checklist\'s own [ ] boxes keep theirs', () => {
    const source = '# Support plan\n\n## Daily\n- Check the queue\n- Look at the dashboards\n\n## Release\n[x] 5%\n[ ] 25%\n';
    const rows = buildViewTree(parseRunbook(source, { fileName: 'plan.md' }), 'file:///plan.md', { isDone: () => true }, {}, false);
    assert.deepEqual(outline(rows), ['Daily', '  Check the queue', '  Look at the dashboards', 'Release — 1/2', '  [x] 5%', '  [ ] 25%']);
    assert.deepEqual(outline(tree(source)).slice(0, 3), ['Daily — 0/2', '  [ ] Check the queue', '  [ ] Look at the dashboards']);
  });

  describe('in ../shared/seeds', function () {
    let seeds: { name: string; text: string }[] = [];
    before(function () {
      seeds = requireSeeds(this);
    });
    const rowsOf = (prefix: string) => {
      const seed = seeds.find((s) => s.name.startsWith(prefix));
      assert.ok(seed, `seed ${prefix} missing`);
      const model = parseRunbook(seed.text, { fileName: seed.name });
      return { model, rows: buildViewTree(model, 'file:///seed.md', NOTHING_DONE) };
    };

    it('production support plan: titled by its H2; boxes on the twelve things to do, none on links, channels or background', () => {
      const { model, rows } = rowsOf('004');
      assert.equal(model.title, 'Incident Response Plan (Production Support)');
      assert.deepEqual(rows.map((r) => [r.label, r.description]), [['Hours of Support', undefined], ['Support Tasks', '0/11'], ['Other Links', '0/1']]);
      assert.deepEqual(boxes(rows).map((l) => l.split(' ').slice(0, 3).join(' ')), [
        'Proactively monitor the', 'Use the Incident', 'In the event', 'Ensure the daily', 'Check that the', 'for any alerts', 'Look for REST',
        'Monitor your VA', 'If notified by', 'If, after investigation,', 'Once the fix', 'ignore the logs',
      ]);
      for (const label of ['Slack channels', 'DataDog dashboards', 'PagerDuty', 'Things to look for', 'CIE Engineers will have a sprint rotation to provide production support']) {
        assert.equal(find(rows, label).checked, undefined, label);
      }
      const channel = find(rows, '#check-in-production-support');
      assert.deepEqual([channel.kind, channel.children.map((c) => c.label)], ['link', ['Ensure the daily bot is posting check-in and pre-check-in data', 'Check that the numbers look reasonable']]);
    });

    it('release plan: every [ ] line is a box, and result fields are rows without one', () => {
      const { rows } = rowsOf('002');
      const results = flatten(rows).filter((r) => /^Results/.test(r.label));
      assert.equal(results.length, 7);
      for (const section of results) {
        assert.deepEqual(section.children.map((c) => [c.label, c.checked]).slice(0, 2), [['New Sentry Errors:', undefined], ['Unsuccessful test cases:', undefined]]);
        assert.equal(section.description, undefined);
      }
      assert.equal(find(rows, /^Internal Testing and Review/).description, '0/7');
      assert.equal(find(rows, 'Threshold:').checked, undefined);
    });

    it('incident response plan: ordered steps and actions have boxes; dashboards and schedule notes do not', () => {
      const { rows } = rowsOf('001');
      assert.equal(find(rows, /^1 Impact/).checked, false);
      assert.equal(find(rows, /^2\.1 Coordinator/).checked, false);
      assert.equal(find(rows, /^Technical Lead: Start a debugging/).checked, false);
      assert.equal(find(rows, 'Dashboards').checked, undefined);
      assert.equal(find(rows, /^Schedule: The on-call schedule/).checked, undefined);
      assert.equal(find(rows, 'SMOC Web Performance Dashboard').kind, 'link');
    });
  });
});
