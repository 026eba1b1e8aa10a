import * as assert from 'node:assert/strict';
import { type RunbookNode, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { requireSeeds } from './seeds';

function all<K extends RunbookNode['kind']>(nodes: readonly RunbookNode[], kind: K): Extract<RunbookNode, { kind: K }>[] {
  return [...walk(nodes)].filter((n): n is Extract<RunbookNode, { kind: K }> => n.kind === kind);
}

describe('parseRunbook on the real runbooks in ../shared/seeds', function () {
  let seeds: { name: string; text: string }[] = [];
  before(function () {
    seeds = requireSeeds(this);
  });
  const seed = (prefix: string) => {
    const found = seeds.find((s) => s.name.startsWith(prefix));
    assert.ok(found, `seed ${prefix} missing`);
    return { ...found, model: parseRunbook(found.text, { fileName: found.name }) };
  };

  it('incident response plan: title, contacts, notification template, escalation timer, links', () => {
    const { model } = seed('001');
    assert.equal(model.title, 'Incident Response Plan');
    const contacts = all(model.children, 'contact');
    assert.equal(contacts.length, 10);
    assert.deepEqual([contacts[0]?.role, contacts[0]?.name, contacts[0]?.handle], ['Coordinator', 'Charlotte Reid', '@Charlotte Reid']);
    const tim = contacts.find((c) => c.name === 'Tim Hawkins');
    assert.deepEqual([tim?.role, tim?.handle, tim?.channels], ['Developer', '@Tim Hawkins', ['Slack', 'Microsoft Teams']]);
    const [template] = all(model.children, 'code');
    assert.match(template?.text ?? '', /Impacted Veterans %:\s+xx%/);
    const triage = all(model.children, 'step').find((s) => s.text.startsWith('Initial Triage'));
    assert.equal(triage?.placeholders[0]?.example?.minutes, 15);
    const links = all(model.children, 'link');
    assert.equal(links.filter((l) => l.vendor === 'Datadog').length, 4);
    assert.equal(links.filter((l) => l.linkKind === 'github-search').length, 1);
    assert.equal(links.filter((l) => l.linkKind === 'pagerduty').length, 1);
    assert.ok(all(model.children, 'step').some((s) => s.durations.length === 2 && s.durations.every((d) => d.minutes === 60)), '1 hour before and 1 hour after');
    assert.ok(all(model.children, 'text').some((t) => t.placeholders.some((p) => p.text === '[TODO: FIND THESE]')));
    assert.equal(all(model.children, 'image').length, 1);
  });

  it('release plan: one checklist item for every [ ] line outside code blocks, none checked', () => {
    const { text, model } = seed('002');
    // A `[ ]` inside a code block is part of a template to paste, not a box to tick.
    const code = all(model.children, 'code');
    const inCode = (i: number) => code.some((c) => i >= c.range.start && i < c.range.end);
    const boxes = text.split('\n').filter((line, i) => /^\s*\[[ xX]\]/.test(line) && !inCode(i)).length;
    assert.equal(code.length > 0, true);
    const items = all(model.children, 'checklist');
    assert.equal(items.length, boxes);
    assert.ok(items.every((i) => !i.checked));
    assert.ok(items.some((i) => i.box.column === 4), 'indented stage lines');
  });

  it('production support plan: nested lists, Slack channels, Datadog dashboards and APM traces', () => {
    const { model } = seed('004');
    const links = all(model.children, 'link');
    assert.equal(links.filter((l) => l.linkKind === 'slack-channel').length, 4);
    assert.ok(links.filter((l) => l.vendor === 'Datadog').length >= 4);
    assert.ok(links.some((l) => l.vendor === 'Datadog' && l.url.includes('/apm/traces')));
    assert.ok(links.some((l) => l.linkKind === 'github-issue-template'));
  });
});
