import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Runbook, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { hostileInputs, parseRatio } from '../harness/benchParse';
import { readSeeds } from './seeds';

/** The three properties every model must have, whatever the input. */
function checkModel(source: string, model: Runbook): void {
  assert.equal(model.parseError, undefined, 'the parser fell back to plain text');
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = body.split(/\r\n|\r|\n/);
  assert.equal(model.lineCount, lines.length);
  for (const node of walk(model.children)) {
    assert.ok(node.range.start >= 0 && node.range.start < node.range.end && node.range.end <= lines.length, `${node.kind} range ${JSON.stringify(node.range)} outside ${lines.length} lines`);
    if (node.kind === 'checklist') {
      const line = lines[node.box.line] ?? '';
      assert.equal(line.slice(node.box.column + 3).trim(), node.sourceText, 'the box line holds the item\'s own text');
      assert.match(line.slice(node.box.column, node.box.column + 3), /^\[[ xX]\]$/, `checklist "${node.text}" does not map to a box in ${JSON.stringify(line)}`);
    }
  }
}

const LINE_PIECES = [
  '# Title', '## Section', '### 🚨 Emoji heading', '####### seven', '- item', '* item', '+ item', '1. first', '2) second', '2.1. numbered', '2.2 numbered',
  '- [ ] todo', '- [x] done', '* [X] done', '[ ] bare', '    [ ] indented bare', '[x]', '[ ]', '> quote', '> - [ ] quoted todo', '```', '```slack', '~~~', '    code',
  '| Role | Name | Handle |', '| --- | --- | --- |', '| Lead | Ada | @ada |', '<div>', '</div>', '<a href="https://x.io">x</a>', '<img src="a.png">', '- Name: Ada', '- Slack Handle: @ada',
  '[link](https://app.datadoghq.com/dashboard/x?from_ts=1&to_ts=2)', '[broken](http://[::1', '![img](a.png)', 'https://example.com/plain', '[TODO: x]', 'xx%', 'X minutes', '15 minutes', '---', '***', '',
  '\t', '   ', '\\[ ] escaped', '`[ ]` in code', '<!-- comment -->', '{{title}}', '<TITLE>', '*emphasis* and **strong**', 'Setext heading', '===', '- ', '1.', '[ref]: https://x.io',
];

const lineArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LINE_PIECES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', '  ', '    ', '\t', '      '), fc.constantFrom(...LINE_PIECES)).map(([indent, piece]) => indent + piece) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const documentArb = fc
  .tuple(fc.array(lineArb, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol));

type Mutation = { op: 'delete' | 'duplicate' | 'insert' | 'indent' | 'truncate' | 'swap'; at: number; len: number; text: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'insert', 'indent', 'truncate', 'swap'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 8 }),
  text: lineArb,
});

function mutate(source: string, mutations: readonly Mutation[]): string {
  const lines = source.split('\n');
  for (const m of mutations) {
    const at = lines.length ? m.at % lines.length : 0;
    switch (m.op) {
      case 'delete': lines.splice(at, m.len); break;
      case 'duplicate': lines.splice(at, 0, ...lines.slice(at, at + m.len)); break;
      case 'insert': lines.splice(at, 0, m.text); break;
      case 'indent': for (let i = at; i < Math.min(lines.length, at + m.len); i++) lines[i] = `  ${lines[i]}`; break;
      case 'truncate': lines[at] = (lines[at] ?? '').slice(0, m.len * 3); break;
      case 'swap': { const other = (at + m.len) % Math.max(1, lines.length); [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? '']; break; }
    }
  }
  return lines.join('\n');
}

// Checklist lines with a marker of their own, between lines that hide newlines inside inline code,
// inline HTML, a link title or an image alt: every item must land on the line that holds its marker.
const MULTILINE_PIECES = ['Run `kubectl rollout', 'status deploy/api` and confirm:', 'Note <span', 'title="x">here</span>', 'See [docs](https://x.io "a', 'title") first', 'Look at ![the', 'diagram](d.png)', 'hard break\\'];
const markedDocumentArb = fc
  .array(fc.oneof(fc.constantFrom(...MULTILINE_PIECES, ...LINE_PIECES), fc.constantFrom('[ ] ', '- [ ] ', '[x] ', '    [ ] ', '> [ ] ', '1. [ ] ')), { maxLength: 40 })
  .map((pieces) => pieces.map((piece, i) => (piece.endsWith('] ') ? `${piece}task${i} done` : piece)).join('\n'));

/** Documents made of one fragment repeated: where a superlinear pattern shows. */
const FRAGMENTS = ['[TODO ', '[x e.g. ', '<img ', '<a href="x">', '[TODO x\n', '{{a ', '<A ', 'X  ', 'xx ', '`', '*a ', '[', '](', '- [ ] a\n', '  ', '> ', 'https://x.io/', '<!-- ', '\\\n', 'a.', 'a:', '1:'];
const repeatedArb = fc.tuple(fc.constantFrom('', '<div>\n', '- ', '# ', '- wait 5 min '), fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 3 }), fc.integer({ min: 2000, max: 6000 })).map(([prefix, parts, count]) => prefix + parts.join('').repeat(count));

describe('parseRunbook properties', () => {
  it('puts every checklist item on the line that holds its text', () => {
    fc.assert(
      fc.property(markedDocumentArb, (source) => {
        const lines = source.split('\n');
        for (const node of walk(parseRunbook(source).children)) {
          const marker = node.kind === 'checklist' ? /task\d+ done/.exec(node.text)?.[0] : undefined;
          if (marker && node.kind === 'checklist') assert.ok(lines[node.box.line]?.includes(marker), `"${marker}" is not on line ${node.box.line}: ${JSON.stringify(lines[node.box.line])}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('parses documents of repeated fragments within 3× markdown-it\'s own time', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(repeatedArb, (source) => {
        const { modelMs, markdownItMs } = parseRatio(source, 9);
        // Below two milliseconds, fixed costs and timer resolution decide the ratio, not the patterns.
        const ratio = modelMs / Math.max(markdownItMs, 2);
        assert.ok(ratio < 3, `${ratio.toFixed(1)}× (model ${modelMs.toFixed(1)} ms, markdown-it ${markdownItMs.toFixed(1)} ms) for ${JSON.stringify(source.slice(0, 40))}…`);
      }),
      { numRuns: 30 },
    );
  });

  it('holds for the hostile inputs', () => {
    for (const source of Object.values(hostileInputs(0.1))) checkModel(source, parseRunbook(source));
  });

  it('holds for 3,000 generated documents', function () {
    this.timeout(60_000);
    fc.assert(fc.property(documentArb, (source) => checkModel(source, parseRunbook(source))), { numRuns: 3000 });
  });

  const own = readFileSync(join(__dirname, '..', 'fixtures', 'runbooks', 'every-construct.md'), 'utf8');
  const originals = [{ name: 'every-construct.md', text: own }, ...readSeeds()];
  for (const { name, text } of originals) {
    it(`holds for 1,000 mutations of ${name}`, function () {
      this.timeout(60_000);
      fc.assert(
        fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => {
          const source = mutate(text, mutations);
          checkModel(source, parseRunbook(source, { fileName: name }));
        }),
        { numRuns: 1000 },
      );
    });
  }
});
