import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { buildViewTree, type TemplateSettings, tooltipFor, type ViewNode } from '../../src/core/runbook/treeModel';
import { requireSeeds } from './seeds';

const NOTHING_DONE = { isDone: () => false };
const SAMPLE = readFileSync(join(__dirname, '..', '..', 'sample', 'runbooks', 'incident-response.md'), 'utf8');
const TRACEABILITY = 'https://github.com/northwind-example/handbook/blob/main/templates/incident-traceability.md';
const POSTMORTEM = 'https://github.com/northwind-example/handbook/blob/main/templates/postmortem.md';

function tree(source: string, settings?: TemplateSettings): ViewNode[] {
  return buildViewTree(parseRunbook(source, { fileName: 'incident-response.md' }), 'file:///incident-response.md', NOTHING_DONE, settings);
}
function flatten(rows: readonly ViewNode[]): ViewNode[] {
  return rows.flatMap((r) => [r, ...flatten(r.children)]);
}
function find(rows: readonly ViewNode[], label: string): ViewNode {
  const row = flatten(rows).find((r) => r.label === label);
  assert.ok(row, `no row ${label}`);
  return row;
}
/** The tooltip's lines as text, with a code part after "⟨code⟩". */
function tooltipText(row: ViewNode): string[] {
  return tooltipFor(row).lines.map((l) => (typeof l === 'string' ? l : `${l.text} ⟨${l.code}⟩`));
}

describe('Playbook rows: the templates the runbook links', () => {
  it('shows the traceability template on the Track row and the post-mortem one on the Post-incident row, keeping their progress', () => {
    const rows = tree(SAMPLE);
    assert.equal(find(rows, '3. Track').description, 'Template: incident-traceability.md · 0/1');
    assert.equal(find(rows, 'Post-incident').description, 'Template: postmortem.md · 0/4');
    const withTemplate = flatten(rows).filter((r) => r.description?.includes('Template:')).map((r) => r.label);
    assert.deepEqual(withTemplate, ['3. Track', 'Post-incident'], 'no other row names a template');
  });

  it('says in the tooltip which template, where it is linked, and the URL exactly as written', () => {
    const rows = tree(SAMPLE);
    const track = find(rows, '3. Track');
    const line = SAMPLE.split('\n').findIndex((l) => l.includes(TRACEABILITY)) + 1;
    assert.equal(tooltipFor(track).title, '3. Track');
    assert.deepEqual(tooltipText(track), [`Template of new incident records: incident-traceability.md, linked on line ${line}: ⟨${TRACEABILITY}⟩`]);
    assert.deepEqual(tooltipText(find(rows, 'Post-incident')), [`Template of post-mortems: postmortem.md, linked on line ${SAMPLE.split('\n').findIndex((l) => l.includes(POSTMORTEM)) + 1}: ⟨${POSTMORTEM}⟩`]);
    assert.deepEqual(track.templates?.map((t) => [t.kind, t.name, t.href]), [['traceability', 'incident-traceability.md', TRACEABILITY]]);
  });

  it('keeps showing the runbook\'s link when a setting overrides it, and the tooltip says so', () => {
    const rows = tree(SAMPLE, { traceability: 'templates/our_record.md', postmortem: '  ' });
    const track = find(rows, '3. Track');
    assert.equal(track.description, 'Template: incident-traceability.md · 0/1');
    assert.equal(tooltipText(track)[1], 'The setting runbook.traceabilityTemplate overrides it; new records use: ⟨templates/our_record.md⟩');
    assert.equal(tooltipText(find(rows, 'Post-incident')).length, 1, 'a blank setting overrides nothing');
  });

  it('says a setting that is not a template link is ignored', () => {
    const track = find(tree(SAMPLE, { traceability: 'javascript:alert(1)' }), '3. Track');
    assert.equal(track.templates?.[0]?.overriddenBy, undefined);
    assert.match(tooltipText(track)[1] ?? '', /^The setting runbook\.traceabilityTemplate is not a template link .* is ignored: ⟨javascript:alert\(1\)⟩$/);
  });

  it('shows the template on a section without steps, and nothing when the runbook links none', () => {
    const rows = tree('# Plan\n## Track\nStart a record from [the traceability template](templates/record.md).\n## Other\n- Do it');
    assert.equal(find(rows, 'Track').description, 'Template: record.md');
    assert.deepEqual(flatten(tree('# Plan\n## Track\n- Keep a [log](https://example.com/log)')).map((r) => r.description ?? ''), ['0/1', '', 'example.com']);
  });

  it('names both templates when one section links both', () => {
    const rows = tree('# Plan\n## After\n- Use [the traceability template](a/trace.md)\n- Write a post-mortem from [this template](b/pm.md)');
    assert.equal(find(rows, 'After').description, 'Template: trace.md · Template: pm.md · 0/2');
    assert.equal(tooltipFor(find(rows, 'After')).lines.length, 2);
  });
});

describe('Playbook rows: the templates of the real incident response plan', function () {
  let seed = '';
  before(function () {
    const found = requireSeeds(this).find((s) => s.name.startsWith('001_'));
    if (!found) {
      console.log('      (skipped: seed 001 is absent)');
      this.skip();
    }
    seed = found.text;
  });

  it('shows the investigation template on Track and the private post-mortem template on Post-incident', () => {
    const rows = tree(seed);
    const track = find(rows, '3. Track');
    assert.match(track.description ?? '', /^Template: incident_investigation_traceability_template\.md( · \d+\/\d+)?$/);
    assert.match(tooltipText(track)[0] ?? '', /⟨https:\/\/github\.com\/department-of-veterans-affairs\/va\.gov-team\/blob\/master\/.*\/incident_investigation_traceability_template\.md⟩$/);
    const post = find(rows, 'Post-incident');
    assert.match(post.description ?? '', /^Template: _template\.md( · \d+\/\d+)?$/);
    assert.match(tooltipText(post)[0] ?? '', /va\.gov-team-sensitive\/blob\/master\/Postmortems\/_template\.md⟩$/);
  });
});
