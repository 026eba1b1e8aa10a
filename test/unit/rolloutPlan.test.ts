import * as assert from 'node:assert/strict';
import { firstPercentage, indentation, leadingPercentage, readCheckLine, readField } from '../../src/core/rollout/planLines';
import { parseReleasePlan } from '../../src/core/rollout/releasePlan';
import { parseStageDate } from '../../src/core/rollout/stageDates';
import { trackingIssue } from '../../src/core/rollout/trackingLink';
import { CHECKLIST_PLAN, COMPACT_PLAN, MID_ROLLOUT_PLAN } from '../fixtures/releasePlans';
import { parsed, seedPlanText } from './rolloutTestPlans';
import { requireSeeds } from './seeds';
import { assertLinear, growth, MAX_RATIO } from './timing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The 0-based line of the first line starting with `start` at or after `from`. */
function lineOf(text: string, start: string, from = 0): number {
  const line = text.split('\n').findIndex((l, i) => i >= from && l.startsWith(start));
  assert.ok(line >= 0, `no line starting ${JSON.stringify(start)}`);
  return line;
}

describe('parseReleasePlan: recognising a release plan', () => {
  it('reads the three fixtures: stage headings, percentage headings, and the percentage checklist alone', () => {
    assert.equal(parsed(MID_ROLLOUT_PLAN).stages.length, 5);
    assert.equal(parsed(COMPACT_PLAN).stages.length, 3);
    assert.equal(parsed(CHECKLIST_PLAN).stages.length, 3);
  });

  it('reads a plan with two "Stage X" headings and nothing else', () => {
    assert.deepEqual(parsed('### Stage 1 - 25%\n### Stage 2 - 100%\n').stages.map((s) => [s.name, s.percentage]), [['Stage 1 - 25%', 25], ['Stage 2 - 100%', 100]]);
  });

  it('is not an incident runbook, nor a production-support plan (the other seeds)', function () {
    const seeds = requireSeeds(this).filter((s) => !s.name.startsWith('002_'));
    assert.ok(seeds.length > 0);
    for (const seed of seeds) assert.equal(parseReleasePlan(seed.text), undefined, seed.name);
  });

  it('is not a written incident runbook with checklists and percentages', () => {
    const runbook = `# Checkout incident runbook

## Collect
- [ ] Impact: xx% of users
- [ ] Error type: 500s?
- [ ] Systems: System A, System B

## Notify
Post in #incidents. Page the on-call if more than 5% of checkouts fail.

## Mitigate
1. Roll back the last deploy
2. Set the Flipper feature to 0%
`;
    assert.equal(parseReleasePlan(runbook), undefined);
  });

  it('is not a checklist with a single percentage box among other boxes', () => {
    assert.equal(parseReleasePlan('# Q3 Release Plan\n\n[ ] Canary\n[ ] 10%\n[x] Dashboards ready\n'), undefined);
  });

  it('is not a checklist whose boxes only start with a percentage ("10% of budget spent")', () => {
    assert.equal(parseReleasePlan('# Budget\n- [ ] 10% of budget spent\n- [ ] 50% of budget spent\n'), undefined);
  });

  it('is not a document with one stage heading, nor an empty one', () => {
    assert.equal(parseReleasePlan('# Plan\n## Stage A: Canary\nDate: 2026-11-20\n'), undefined);
    assert.equal(parseReleasePlan(''), undefined);
    assert.equal(parseReleasePlan('\n\n'), undefined);
  });

  it('does not count "Staged Rollout" or "Stages" as stage headings', () => {
    assert.equal(parseReleasePlan('# Plan\n## Staged Rollout\n## Stages overview\n## Stage A: Canary\n'), undefined);
  });

  it('takes headings with a percentage or "canary"/"go live" as stages only in a plan that speaks of percentages of users', () => {
    const withoutUsers = COMPACT_PLAN.replace(/^Percentage of users: .*\n/gim, '');
    assert.equal(parseReleasePlan(withoutUsers), undefined);
    assert.deepEqual(parsed(COMPACT_PLAN).stages.map((s) => s.name), ['Canary (internal users)', '10% of users', 'Go live']);
  });

  it('does not read stage headings or boxes inside fenced code or HTML comments', () => {
    assert.equal(parseReleasePlan('# Example\n```\n## Stage A: Canary\n## Stage B: 5%\n```\n'), undefined);
    assert.equal(parseReleasePlan('# Example\n<!--\n- [ ] 1%\n- [ ] 5%\n-->\n'), undefined);
    const plan = parsed(`${MID_ROLLOUT_PLAN}\n\`\`\`\n### Stage F: not a stage\n\`\`\`\n`);
    assert.equal(plan.stages.length, 5);
  });

  it('reads a CRLF plan as the LF one, and says its line breaks are CRLF', () => {
    const lf = parsed(MID_ROLLOUT_PLAN);
    const crlf = parsed(MID_ROLLOUT_PLAN.replace(/\n/g, '\r\n'));
    assert.equal(lf.eol, '\n');
    assert.equal(crlf.eol, '\r\n');
    assert.deepEqual({ ...crlf, eol: '\n' }, lf);
  });

  it('is titled by its first level-1 heading, else its first heading, else "Release plan"', () => {
    assert.equal(parsed(MID_ROLLOUT_PLAN).title, 'Parcel Labels v3 Release Plan');
    assert.equal(parsed(COMPACT_PLAN).title, 'New checkout: staged release');
    assert.equal(parsed('## Rollout\n### Stage A: 1%\n### Stage B: 5%\n').title, 'Rollout');
    assert.equal(parsed('- [ ] 1%\n- [ ] 5%\n').title, 'Release plan');
  });
});

describe('parseReleasePlan: stages', () => {
  it('reads the stages of the seed plan: names, percentages, the canary of targeted users, where each ends', function () {
    const text = seedPlanText(this);
    const plan = parsed(text);
    assert.equal(plan.title, 'DBEX Rated Disability Endpoint Migration Release Plan.md');
    assert.deepEqual(
      plan.stages.map((s) => [s.name, s.percentage, s.targeted]),
      [
        ['Stage A: Canary', undefined, true],
        ['Stage A: Monitoring phase', 1, false],
        ['Stage B: Moderate ramp up', 5, false],
        ['Stage C: Another moderate ramp up', 10, false],
        ['Stage D: Final moderate ramp up', 25, false],
        ['Stage E: High traffic', 50, false],
        ['Stage F: Go Live!', 100, false],
      ],
    );
    // Each stage runs to the next one; the last to the next level-2 heading.
    for (let i = 0; i + 1 < plan.stages.length; i++) assert.equal(plan.stages[i]?.end, plan.stages[i + 1]?.line);
    assert.equal(plan.stages[6]?.line, lineOf(text, '### Stage F: Go Live!'));
    assert.equal(plan.stages[6]?.end, lineOf(text, '## Post-launch Questions'));
  });

  it('reads the seed plan’s lengths, tracking issues and empty dates', function () {
    const plan = parsed(seedPlanText(this));
    assert.deepEqual(plan.stages.map((s) => s.lengthMs), [undefined, 7 * DAY, undefined, undefined, undefined, 7 * DAY, undefined]);
    assert.deepEqual(plan.stages.map((s) => s.trackingIssue?.number), [undefined, 62318, 62319, 62322, 62323, 62324, undefined]);
    assert.ok(plan.stages.every((s) => s.date !== undefined && s.date.value === '' && s.startedAt === undefined));
    assert.ok(plan.stages.every((s) => s.rollbacks.length === 0));
  });

  it('reads the seed plan’s eight empty Results fields under "#### Results:" and "#### Results" alike', function () {
    const plan = parsed(seedPlanText(this));
    const labels = ['New Sentry Errors', 'Unsuccessful test cases', 'Unsuccessful fixture tests', 'Call center complaints', 'New 504 Errors', 'New 499 Errors', 'Highest Latency', 'Rollbacks'];
    for (const stage of plan.stages) {
      assert.deepEqual(stage.results.map((r) => r.label), labels, stage.name);
      assert.ok(stage.results.every((r) => r.value === '' && r.bullet && r.indent === 0), stage.name);
      assert.equal(stage.resultsLine, (stage.results[0]?.line ?? 0) - 1);
    }
  });

  it('reads the seed plan’s overview boxes, indented under a list item, as the percentage checklist', function () {
    const text = seedPlanText(this);
    const plan = parsed(text);
    const first = lineOf(text, '    [ ] 1%');
    assert.deepEqual(plan.checklist, [1, 5, 10, 25, 50].map((percentage, i) => ({ line: first + i, mark: 5, checked: false, percentage })));
  });

  it('reads when each stage of the mid-rollout plan started, and its length', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    assert.deepEqual(
      plan.stages.map((s) => [s.name, s.percentage, s.targeted, s.startedAt?.toISOString(), s.lengthMs]),
      [
        ['Stage A: Canary', undefined, true, '2026-11-02T09:00:00.000Z', 3 * DAY],
        ['Stage B: First ramp up', 1, false, '2026-11-05T09:00:00.000Z', 7 * DAY],
        ['Stage C: Moderate ramp up', 5, false, '2026-11-12T09:00:00.000Z', 7 * DAY],
        ['Stage D: Another ramp up', 10, false, '2026-11-19T09:00:00.000Z', 14 * DAY],
        ['Stage E: Go Live!', 100, false, undefined, undefined],
      ],
    );
  });

  it('reads the compact plan’s percentage headings, "Timebox" lengths and the "Targeted users" canary', () => {
    const plan = parsed(COMPACT_PLAN);
    assert.deepEqual(
      plan.stages.map((s) => [s.name, s.percentage, s.targeted, s.lengthMs, s.length?.label]),
      [
        ['Canary (internal users)', undefined, true, 48 * HOUR, 'Timebox'],
        ['10% of users', 10, false, 3 * DAY, 'Timebox'],
        ['Go live', 100, false, undefined, undefined],
      ],
    );
    assert.deepEqual(plan.checklist, []);
    assert.deepEqual(plan.stages.map((s) => s.end), [lineOf(COMPACT_PLAN, '## 10% of users'), lineOf(COMPACT_PLAN, '## Go live'), COMPACT_PLAN.split('\n').length]);
  });

  it('reads the checklist plan’s boxes as stages, each one line, started only when ticked and dated', () => {
    const plan = parsed(CHECKLIST_PLAN);
    const first = lineOf(CHECKLIST_PLAN, '- [x] 1%');
    assert.deepEqual(
      plan.stages.map((s) => [s.name, s.line, s.end, s.percentage, s.startedAt?.toISOString(), s.results.length]),
      [
        ['1%', first, first + 1, 1, '2026-11-20T09:00:00.000Z', 0],
        ['10%', first + 1, first + 2, 10, undefined, 0],
        ['100%', first + 2, first + 3, 100, undefined, 0],
      ],
    );
    const date = plan.stages[0]?.date;
    assert.equal(date?.label, 'started');
    assert.equal(date?.value, '2026-11-20 09:00 UTC');
    assert.equal(CHECKLIST_PLAN.split('\n')[first]?.slice(date?.valueStart, date?.valueEnd), '2026-11-20 09:00 UTC');
    assert.deepEqual(plan.checklist.map((b) => [b.percentage, b.checked, b.mark]), [[1, true, 3], [10, false, 3], [100, false, 3]]);
  });

  it('does not count a "(started …)" of a box that is not ticked as a start', () => {
    const plan = parsed('- [ ] 1% (started 2026-11-20 09:00 UTC)\n- [ ] 10%\n');
    assert.equal(plan.stages[0]?.date?.value, '2026-11-20 09:00 UTC');
    assert.equal(plan.stages[0]?.startedAt, undefined);
  });

  it('reads a box\'s percentage with a decimal, a space, or words after a dash or colon', () => {
    const plan = parsed('[ ] 0.5 %\n[ ] 12.5% - half the canary\n[x] 25%: EU only\n[ ] 50% started\n');
    assert.deepEqual(plan.checklist.map((b) => b.percentage), [0.5, 12.5, 25, 50]);
  });
});

describe('parseReleasePlan: a stage’s fields', () => {
  it('records where each field’s value is, so it can be rewritten in place', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    const lines = MID_ROLLOUT_PLAN.split('\n');
    const stage = plan.stages[1];
    assert.ok(stage?.date && stage.length && stage.tracking);
    for (const field of [stage.date, stage.length, stage.tracking, ...stage.results]) assert.equal(lines[field.line]?.slice(field.valueStart, field.valueEnd), field.value, field.label);
    assert.deepEqual(stage.date, { label: 'Date', value: '2026-11-05 09:00 UTC', line: lineOf(MID_ROLLOUT_PLAN, 'Date: 2026-11-05'), valueStart: 6, valueEnd: 26, indent: 0, bullet: false });
    assert.deepEqual(stage.results.map((r) => [r.label, r.value]), [['New Sentry Errors', '2 (known)'], ['Rollbacks', '']]);
  });

  it('reads an empty value where the next text would go, trailing white space left out', function () {
    const text = seedPlanText(this);
    const plan = parsed(text);
    const stage = plan.stages[0];
    assert.ok(stage?.date && stage.length);
    // "Date: " (a space after the colon) and "Length of time:" (none).
    assert.deepEqual([stage.date.valueStart, stage.date.valueEnd], [6, 6]);
    assert.deepEqual([stage.length.valueStart, stage.length.valueEnd], [15, 15]);
  });

  it('takes the first Date of a stage, not the one of a rollback block pasted under it', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    const d = plan.stages[3];
    assert.equal(d?.date?.value, '2026-11-19 09:00 UTC');
  });

  it('reads "Length of time", "Timebox" and "Duration" as the stage’s length', () => {
    const plan = parsed('### Stage A: 1%\nDuration: 2 days\n### Stage B: 5%\nLength: 36 hours\n### Stage C: 10%\nTimebox: 1 week\n');
    assert.deepEqual(plan.stages.map((s) => s.lengthMs), [2 * DAY, 36 * HOUR, 7 * DAY]);
  });

  it('takes the percentage from the "Percentage of Users" field before the heading', () => {
    const plan = parsed('### Stage A: up to 50%\nPercentage of users: 5% (about 2,000 people)\n### Stage B: 100%\n');
    assert.deepEqual(plan.stages.map((s) => s.percentage), [5, 100]);
  });

  it('counts "internal" or "canary" as targeted users when no percentage is stated', () => {
    const plan = parsed('### Stage A: Internal users\n### Stage B: Everyone\n### Stage C: Canary\nPercentage of users: 1%\n');
    assert.deepEqual(plan.stages.map((s) => [s.targeted, s.percentage]), [[true, undefined], [false, undefined], [false, 1]]);
  });

  it('reads a stage’s "Flipper:" line', () => {
    const plan = parsed('### Stage A: 1%\nFlipper: 1% (confirmed 14:05)\n### Stage B: 5%\n');
    assert.equal(plan.stages[0]?.flipper?.value, '1% (confirmed 14:05)');
    assert.equal(plan.stages[1]?.flipper, undefined);
  });

  it('reads as Results only the bullets at the first one’s depth under a Results heading', () => {
    const plan = parsed(`### Stage A: 1%
Date: 2026-11-20
- Owner: not a result (before the Results heading)
#### Results
- Errors: 3
  - Detail: nested, not a result
- Latency: fine
Not a bullet: not a result
### Stage B: 5%
`);
    assert.deepEqual(plan.stages[0]?.results.map((r) => `${r.label}=${r.value}`), ['Errors=3', 'Latency=fine']);
  });

  it('ends the Results at the next heading inside the stage', () => {
    const plan = parsed('### Stage A: 1%\n#### Results\n- Errors: 3\n#### Notes\n- Owner: Sam\n### Stage B: 5%\n');
    assert.deepEqual(plan.stages[0]?.results.map((r) => r.label), ['Errors']);
  });

  it('reads a rollback written into a stage: its reason and its block’s Date, indented or not', () => {
    const mid = parsed(MID_ROLLOUT_PLAN);
    assert.deepEqual(mid.stages[3]?.rollbacks, [{ line: lineOf(MID_ROLLOUT_PLAN, 'Rollback reason: 500s'), reason: '500s on label print', date: new Date(Date.UTC(2026, 10, 20, 10, 30)) }]);
    const flat = parsed('### Stage A: 1%\n#### Results\n- Errors: 3\n\nRollback reason: spike\nDate: 2026-11-21 08:00 UTC\nSeverity/Impact: SEV-2\n[ ] Has the issue been resolved?\n### Stage B: 5%\n');
    assert.deepEqual(flat.stages[0]?.rollbacks.map((r) => [r.reason, r.date?.toISOString()]), [['spike', '2026-11-21T08:00:00.000Z']]);
    assert.equal(flat.stages[0]?.date, undefined, 'the block’s Date is not the stage’s');
  });

  it('reads a rollback block without a Date as undated, and two blocks as two rollbacks', () => {
    const plan = parsed('### Stage A: 1%\nRollback reason: first\n    Severity/Impact: low\n\nRollback reason: second\n    Date: 2026-11-22\n### Stage B: 5%\n');
    assert.deepEqual(plan.stages[0]?.rollbacks.map((r) => [r.reason, r.date?.getTime()]), [['first', undefined], ['second', new Date(2026, 10, 22).getTime()]]);
  });
});

describe('parseReleasePlan: criteria and the rollback block', () => {
  it('reads the seed plan’s success criteria (after the line naming them) and rollback criteria (the items of "any of the following")', function () {
    const plan = parsed(seedPlanText(this));
    assert.deepEqual(plan.successCriteria.map((c) => c.text), [
      'Ensure relative traffic lines up between eVSS and LH to the given allotment in Flipper',
      'Ensure Sentry errors remain constant across batches',
      'Ensure DataDog HTTP status codes remain constant across batches',
      'Monitor for new Call Center complaints',
      'Monitor logs for any qualitative anomalies',
      'Monitor latency',
    ]);
    assert.deepEqual(
      plan.rollbackCriteria.map((c) => [c.text, c.detail]),
      [
        ['Qualitative anomalies that affect a significant number of users', []],
        ['Error logs above a certain threshold', ['Threshold:']],
        ['High volume of 500 errors', []],
        ['High volume of Call Center complaints', []],
        ['Abnormally high latency', []],
        ['Traffic metrics deviate abnormally from the Flipper allotment', []],
      ],
    );
  });

  it('reads the seed plan’s indented rollback block, dedented, where it starts', function () {
    const text = seedPlanText(this);
    const plan = parsed(text);
    assert.deepEqual(plan.rollbackTemplate, {
      line: lineOf(text, '        Rollback reason:'),
      lines: ['Rollback reason:', '    Date:', '    Severity/Impact:', '    Ticket(s) created to address:', '    [ ] Has the issue been resolved?'],
    });
    assert.equal(plan.flipperFeature, undefined);
  });

  it('reads the mid-rollout plan’s criteria, the nested threshold as detail, and not the "Paste …" item', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    assert.deepEqual(plan.successCriteria.map((c) => [c.text, c.line]), [
      ['Sentry errors remain constant across batches', lineOf(MID_ROLLOUT_PLAN, '- Sentry errors')],
      ['HTTP status codes remain constant across batches', lineOf(MID_ROLLOUT_PLAN, '- HTTP status')],
      ['Latency stays within 10% of the baseline', lineOf(MID_ROLLOUT_PLAN, '- Latency stays')],
    ]);
    assert.deepEqual(plan.rollbackCriteria.map((c) => [c.text, c.detail]), [['Error logs above a certain threshold', ['Threshold: 2%']], ['High volume of 500 errors', []]]);
    assert.equal(plan.rollbackTemplate?.lines[0], 'Rollback reason:');
  });

  it('reads the compact plan’s criteria under headings and its fenced rollback block', () => {
    const plan = parsed(COMPACT_PLAN);
    assert.deepEqual(plan.successCriteria.map((c) => c.text), ['Checkout conversion within 1% of control', 'No new Sentry issue with more than 10 events', 'p95 latency below 800 ms']);
    assert.deepEqual(plan.rollbackCriteria.map((c) => c.text), ['Conversion drops more than 2%', 'A payment error in production']);
    assert.deepEqual(plan.rollbackTemplate, {
      line: lineOf(COMPACT_PLAN, '```') + 1,
      lines: ['Rollback reason:', 'Date:', 'Severity/Impact:', 'Ticket(s) created to address:', '[ ] Has the issue been resolved?'],
    });
  });

  it('has no criteria and no block when the plan writes none', () => {
    const plan = parsed(CHECKLIST_PLAN);
    assert.deepEqual([plan.successCriteria, plan.rollbackCriteria, plan.rollbackTemplate], [[], [], undefined]);
  });

  it('writes links in criteria as their text', () => {
    const plan = parsed('## Success criteria\n- [Error rate](https://dash.example/errors) below 1%\n### Stage A: 1%\n### Stage B: 5%\n');
    assert.deepEqual(plan.successCriteria.map((c) => c.text), ['Error rate below 1%']);
  });

  it('prefers the Rollback section before the first stage to one inside a stage', () => {
    const plan = parsed('## Rollback\n- Errors above 2%\n## Stages\n### Stage A: 1%\n#### Rollback plan\n- Something else\n### Stage B: 5%\n');
    assert.deepEqual(plan.rollbackCriteria.map((c) => c.text), ['Errors above 2%']);
  });

  it('does not take the stage’s "Rollback reason" heading for the rollback section', () => {
    const plan = parsed('### Stage A: 1%\n#### Rollback reasons\n- not a criterion\n### Stage B: 5%\n');
    assert.deepEqual(plan.rollbackCriteria, []);
  });
});

describe('parseReleasePlan: the Flipper feature', () => {
  const stages = '### Stage A: 1%\n### Stage B: 5%\n';

  it('comes from front matter’s `flipper:` (the compact plan)', () => {
    assert.equal(parsed(COMPACT_PLAN).flipperFeature, 'new_checkout');
    assert.equal(parsed(`---\nflipper: checkout.v2\n---\n${stages}`).flipperFeature, 'checkout.v2');
  });

  it('comes from a "Flipper feature:" line (the mid-rollout plan), or "Flipper flag"/"Flipper toggle", in backticks or not', () => {
    assert.equal(parsed(MID_ROLLOUT_PLAN).flipperFeature, 'parcel_labels_v3');
    assert.equal(parsed(`Flipper flag: \`labels:v3\`\n${stages}`).flipperFeature, 'labels:v3');
    assert.equal(parsed(`- Flipper toggle: team/feature-1\n${stages}`).flipperFeature, 'team/feature-1');
  });

  it('prefers front matter to a line', () => {
    assert.equal(parsed(`---\nflipper: from_front_matter\n---\nFlipper feature: from_line\n${stages}`).flipperFeature, 'from_front_matter');
  });

  it('falls back to the line when front matter has no flipper, is not YAML, or names it with no string', () => {
    for (const front of ['owner: team', 'flipper: [a, b', 'flipper: 42', 'flipper:\n  name: nested']) {
      assert.equal(parsed(`---\n${front}\n---\nFlipper feature: from_line\n${stages}`).flipperFeature, 'from_line', front);
    }
  });

  it('names no feature for words that are not one name, or a line inside code', () => {
    assert.equal(parsed(`Flipper feature: the new labels flag\n${stages}`).flipperFeature, undefined);
    assert.equal(parsed(`Flipper feature:\n${stages}`).flipperFeature, undefined);
    assert.equal(parsed(`\`\`\`\nFlipper feature: in_code\n\`\`\`\n${stages}`).flipperFeature, undefined);
  });

  it('reads CRLF front matter', () => {
    assert.equal(parsed(COMPACT_PLAN.replace(/\n/g, '\r\n')).flipperFeature, 'new_checkout');
  });
});

describe('tracking links', () => {
  it('reads ZenHub’s address of a GitHub issue as that issue', () => {
    assert.deepEqual(trackingIssue('https://app.zenhub.com/workspaces/labels-5f1/issues/gh/northwind/parcel-labels/101'), {
      owner: 'northwind',
      repo: 'parcel-labels',
      number: 101,
      url: 'https://github.com/northwind/parcel-labels/issues/101',
    });
  });

  it('reads ZenHub’s address without "gh/", with a trailing slash, in angle brackets', () => {
    for (const link of ['https://app.zenhub.com/workspaces/w-1/issues/northwind/parcel-labels/7', 'https://app.zenhub.com/workspaces/w-1/issues/gh/northwind/parcel-labels/7/', ' <https://app.zenhub.com/workspaces/w-1/issues/gh/northwind/parcel-labels/7> ']) {
      assert.equal(trackingIssue(link)?.url, 'https://github.com/northwind/parcel-labels/issues/7', link);
    }
  });

  it('reads a GitHub issue address as itself', () => {
    assert.deepEqual(trackingIssue('https://github.com/acme/checkout/issues/11'), { owner: 'acme', repo: 'checkout', number: 11, url: 'https://github.com/acme/checkout/issues/11' });
  });

  it('is not an issue: a ZenHub board, a pull request, a search, words', () => {
    for (const link of ['https://app.zenhub.com/workspaces/w-1/board', 'https://github.com/acme/checkout/pull/12', 'https://github.com/acme/checkout/issues?q=is%3Aopen', 'see the board', '']) {
      assert.equal(trackingIssue(link), undefined, link);
    }
  });

  it('gives each stage of the mid-rollout plan the issue its ZenHub or GitHub link names, and none for an empty link', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    assert.deepEqual(plan.stages.map((s) => s.trackingIssue?.url), [
      'https://github.com/northwind/parcel-labels/issues/101',
      'https://github.com/northwind/parcel-labels/issues/102',
      'https://github.com/northwind/parcel-labels/issues/103',
      undefined,
      undefined,
    ]);
    assert.equal(plan.stages[0]?.tracking?.label, 'ZH Tracking');
    assert.equal(plan.stages[3]?.tracking, undefined);
  });

  it('gives the compact plan’s "Tracking:" GitHub issues, and the seed plan’s ZenHub ones as GitHub issues', function () {
    assert.deepEqual(parsed(COMPACT_PLAN).stages.map((s) => s.trackingIssue?.number), [11, 12, undefined]);
    const seed = parsed(seedPlanText(this));
    assert.deepEqual(seed.stages[1]?.trackingIssue, {
      owner: 'department-of-veterans-affairs',
      repo: 'va.gov-team',
      number: 62318,
      url: 'https://github.com/department-of-veterans-affairs/va.gov-team/issues/62318',
    });
  });

  it('takes a tracking field only with an address: "Tracking: see the board" is no link', () => {
    const plan = parsed('### Stage A: 1%\nTracking: see the board\nTicket: https://github.com/a/b/issues/3\n### Stage B: 5%\n');
    assert.equal(plan.stages[0]?.tracking?.label, 'Ticket');
    assert.equal(plan.stages[0]?.trackingIssue?.number, 3);
  });
});

describe('plan lines', () => {
  it('reads `Label: value` fields, bullets and indentation', () => {
    assert.deepEqual(readField('- New Sentry Errors: 3  ', 7), { label: 'New Sentry Errors', value: '3', line: 7, valueStart: 21, valueEnd: 22, indent: 0, bullet: true });
    assert.deepEqual(readField('    Date:', 1), { label: 'Date', value: '', line: 1, valueStart: 9, valueEnd: 9, indent: 4, bullet: false });
    assert.equal(readField('Percentage of Users (and roughly how many users do you expect this to be): 5% ', 0)?.value, '5%');
  });

  it('does not read a time, an address, a heading, a box or a sentence as a field', () => {
    for (const text of ['- Go/no-go 2026-12-02 14:05 UTC: Go', 'https://example.com/x', '#### Results:', '[ ] Ticket: x', '- [ ] Date: x', `${'word '.repeat(30)}: x`, ': no label', 'no colon']) {
      assert.equal(readField(text, 0), undefined, text);
    }
  });

  it('reads check lines with and without a list marker, ticked in either case', () => {
    assert.deepEqual(readCheckLine('- [ ] 5%'), { checked: false, mark: 3, text: '5%' });
    assert.deepEqual(readCheckLine('    [X] 10%'), { checked: true, mark: 5, text: '10%' });
    assert.deepEqual(readCheckLine('* [x] done'), { checked: true, mark: 3, text: 'done' });
    assert.equal(readCheckLine('[y] no'), undefined);
    assert.equal(readCheckLine('- plain item'), undefined);
  });

  it('reads percentages at the start of a text, or the first anywhere, from 0 to 100', () => {
    assert.deepEqual(['5%', '12.5 %', '100%', '101%', 'x5%', '5'].map(leadingPercentage), [5, 12.5, 100, undefined, undefined, undefined]);
    assert.deepEqual(['Stage 3 - 25%', 'up to 1.5% of users', 'version 1.2.5% nothing', '250%', 'none'].map(firstPercentage), [25, 1.5, undefined, undefined, undefined]);
  });

  it('counts a tab to the next multiple of four columns', () => {
    assert.deepEqual(['', '  x', '\tx', '  \tx', '\t\tx', '    '].map(indentation), [0, 2, 4, 4, 8, 4]);
  });
});

// A ratio, not a time (timing.ts): the old stage ends were past 40× here. Three runs of each size, and a floor of 0.1 ms.
const TIMING = { runs: 3, floorMs: 0.1 };

describe('parseReleasePlan and parseStageDate on hostile input', function () {
  this.timeout(120_000);
  const stages = '\n### Stage A: 1%\n### Stage B: 5%\n';
  const lineInputs: Record<string, string> = {
    '"Stage A: " lines': 'Stage A: \n',
    '"- a: " lines': '- a: \n',
    '"[ ] 1%" lines': '[ ] 1%\n',
    '"2026-" lines': '2026-\n',
    'lines of digits': '1234567890\n',
    '"Rollback reason:" lines': 'Rollback reason: x\n',
    'stage headings': '### Stage A: x\n',
    'indented lines naming success criteria': '  success criteria\n',
    'Rollback list items': '- Rollback if any of the following\n',
  };
  for (const [name, unit] of Object.entries(lineInputs)) {
    it(`parses 160,000 ${name} within ${MAX_RATIO}× the time of 20,000`, () => {
      assertLinear(growth((n) => `# Plan\nsuccess criteria\n## Rollback\nPaste this:\n${unit.repeat(n)}${stages}`, parseReleasePlan, 20_000, TIMING));
    });
  }

  it(`parses the seed's stages repeated 1,600 times within ${MAX_RATIO}× the time of 200`, function () {
    const text = seedPlanText(this);
    const part = text.slice(text.indexOf('### Stage A: Canary'), text.indexOf('## Post-launch'));
    assertLinear(growth((n) => text + part.repeat(n), parseReleasePlan, 200, TIMING));
    assert.equal(parseReleasePlan(text + part.repeat(100))?.stages.length, 707);
  });

  const dateInputs = ['Stage A: ', '- a: ', '[ ] 1%', '2026-', '2026-11-x', '1234567890', '1 ', 'Nov ', '1 Nov ', '11/', '2026-11-20 99:'];
  for (const unit of dateInputs) {
    it(`reads a value of ${JSON.stringify(unit)} repeated to 800,000 characters within ${MAX_RATIO}× the time of 100,000`, () => {
      assertLinear(growth((n) => unit.repeat(Math.ceil(n / unit.length)), parseStageDate, 100_000, TIMING));
    });
  }

  it('reads a rollback block of 300,000 lines, fenced or indented, without overflowing the stack', () => {
    const fenced = parsed(`## Rollback\n\`\`\`\n${'Rollback reason:\n'.repeat(300_000)}\`\`\`${stages}`);
    assert.equal(fenced.rollbackTemplate?.lines.length, 300_000);
    const indented = parsed(`## Rollback\nPaste this:\n${'        Date:\n'.repeat(300_000)}${stages}`);
    assert.equal(indented.rollbackTemplate?.lines.length, 300_000);
  });
});
