import * as assert from 'node:assert/strict';
import { type RunbookNode, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { hostileInputs, parseRatio } from '../harness/benchParse';

function all<K extends RunbookNode['kind']>(nodes: readonly RunbookNode[], kind: K): Extract<RunbookNode, { kind: K }>[] {
  return [...walk(nodes)].filter((n): n is Extract<RunbookNode, { kind: K }> => n.kind === kind);
}

// The ratio, not a time: the parser against markdown-it's own parse of the same text, the fastest
// of nine back-to-back runs of each. A quadratic pattern shows as a ratio that grows with the input; at a quarter of
// the field report's size the old patterns were already far above 3×.
const MAX_RATIO = 3;

describe('parseRunbook on hostile input', function () {
  this.timeout(120_000);
  for (const [name, text] of Object.entries(hostileInputs(0.25))) {
    it(`parses ${name} within ${MAX_RATIO}× markdown-it's own time`, () => {
      const { ratio, modelMs, markdownItMs } = parseRatio(text);
      assert.ok(ratio < MAX_RATIO, `${ratio.toFixed(1)}× (model ${modelMs.toFixed(1)} ms, markdown-it ${markdownItMs.toFixed(1)} ms)`);
      assert.equal(parseRunbook(text).parseError, undefined);
    });
  }

  it('keeps the rest of the document after a list nested deeper than markdown-it allows', () => {
    const deep = Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const model = parseRunbook(`${deep}\n\n## After the list\n\n- [ ] still here`);
    assert.equal(model.parseWarning, undefined);
    assert.ok(all(model.children, 'section').some((s) => s.title === 'After the list'));
    assert.deepEqual(all(model.children, 'checklist').map((c) => c.text), ['still here']);
    assert.equal(all(model.children, 'step').length, 150);
  });

  it('says which lines it could not show when nesting is deeper than it can follow', () => {
    const deep = Array.from({ length: 1100 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const model = parseRunbook(`${deep}\n\n## After the list`);
    assert.match(model.parseWarning ?? '', /^Lines \d+–1102 are nested more than 1000 levels deep and are not shown\.$/);
  });

  it('parses one list of 200,000 items without overflowing the stack', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => `- [ ] item ${i}`).join('\n');
    const model = parseRunbook(`## Long list\n${items}`);
    assert.equal(model.parseError, undefined);
    assert.equal(all(model.children, 'checklist').length, 200_000);
  });
});
