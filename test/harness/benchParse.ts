// Parser and tree figures for `npm run bench`, measured in this Node process.
import MarkdownIt from 'markdown-it';
import { performance } from 'node:perf_hooks';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { buildViewTree } from '../../src/core/runbook/treeModel';

/** A realistic mix: sections, numbered steps, bullets with links, checklists, code, contacts, placeholders. */
export function generateRunbook(targetBytes: number): string {
  const parts: string[] = ['# Generated Incident Response Plan', ''];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const block = [
      `## ${i}. Service ${i}`,
      `### Collect`,
      `1. Impact: **how many users** are affected for 15 minutes?`,
      `2. Error type: _500s?_ see [dashboard ${i}](https://app.datadoghq.com/dashboard/abc-${i}/svc?from_ts=1&to_ts=2&live=true)`,
      `   - Nested detail with [TODO: owner] and xx% impacted`,
      `2.1. **Coordinator**: post in [#svc-${i}](https://acme.slack.com/archives/C${i})`,
      '```',
      `Impacted: xx%  Systems: System A, System B  Going on for X minutes`,
      '```',
      `- [ ] Checklist item ${i}`,
      `[ ] Bare checklist ${i}`,
      `#### Lead ${i}: runs the response`,
      `- Name: Person ${i}`,
      `- Slack Handle: @person${i}`,
      '',
    ].join('\n');
    parts.push(block);
    size += block.length + 1;
  }
  return parts.join('\n');
}

export function generateSteps(count: number): string {
  const lines = ['# Ten thousand steps', '', '## Steps'];
  for (let i = 0; i < count; i++) lines.push(`${i + 1}. Step ${i} for 5 minutes`);
  return lines.join('\n');
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timeOnce(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function medianTime(fn: () => void, runs: number): number {
  fn(); // warm up the JIT
  return median(Array.from({ length: runs }, () => timeOnce(fn)));
}

/** Runs the two alternately, so both see the same machine load and GC state; medians of each. */
function medianPair(a: () => void, b: () => void, runs: number): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(timeOnce(a));
    tb.push(timeOnce(b));
  }
  return [median(ta), median(tb)];
}

/**
 * Inputs that once took seconds to minutes because of the parser's own regular
 * expressions; markdown-it alone parses each in well under a second. `scale` 1 is the
 * size of the field report; tests use a smaller scale.
 */
export function hostileInputs(scale = 1): Record<string, string> {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  return {
    'unclosed [TODO placeholders': '[TODO '.repeat(n(40_000)),
    'unclosed <img> tags in an HTML block': `<div>${'<img '.repeat(n(80_000))}`,
    'unclosed [TODO lines in an HTML block': `<div>\n${'[TODO x\n'.repeat(n(40_000))}`,
    'unclosed <a href> links in an HTML block': `<div>${'<a href="x">'.repeat(n(40_000))}`,
    'unclosed [e.g. placeholders': '[x e.g. '.repeat(n(2_000)),
    'a duration before "a.a.a." (every letter could open a URL scheme)': `- wait 5 min ${'a.'.repeat(n(40_000))}`,
    'a GitHub link with a path of slashes': `[x](https://github.com/${'/'.repeat(n(40_000))}a)`,
    'a checklist item wrapped over thousands of lines': `[ ] Check the error rate after the\n${'at 14:05 and the\n'.repeat(n(40_000))}`,
  };
}

/**
 * parseRunbook's time over markdown-it's own parse of the same text, from back-to-back runs: the
 * fastest run of each, which is what the code costs once the machine's other load is out of the way.
 */
export function parseRatio(text: string, runs = 9): { ratio: number; modelMs: number; markdownItMs: number } {
  return ratioToMarkdownIt(text, () => parseRunbook(text), runs);
}

/** Like parseRatio, for any work done on `text` (or on its model): its time over markdown-it's parse of `text`. */
export function ratioToMarkdownIt(text: string, work: () => void, runs = 9): { ratio: number; modelMs: number; markdownItMs: number } {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.parse(text, {});
  work();
  let markdownItMs = Infinity;
  let modelMs = Infinity;
  for (let i = 0; i < runs; i++) {
    markdownItMs = Math.min(markdownItMs, timeOnce(() => md.parse(text, {})));
    modelMs = Math.min(modelMs, timeOnce(work));
  }
  return { ratio: modelMs / Math.max(markdownItMs, 0.001), modelMs, markdownItMs };
}

export interface ParseFigures {
  readonly oneMbBytes: number;
  readonly markdownItMs: number;
  readonly modelMs: number;
  readonly ratio: number;
  readonly stepsMarkdownItMs: number;
  readonly stepsModelMs: number;
  readonly stepsRatio: number;
  readonly treeFirstLevelMs: number;
  /** The worst parseRunbook / markdown-it ratio over the hostile inputs at the field report's size. */
  readonly worstHostileRatio: number;
  readonly worstHostile: string;
}

function worstHostile(): { ratio: number; name: string; modelMs: number; markdownItMs: number } {
  let worst = { ratio: 0, name: '', modelMs: 0, markdownItMs: 0 };
  for (const [name, text] of Object.entries(hostileInputs(1))) {
    const measured = parseRatio(text, 7);
    if (measured.ratio > worst.ratio) worst = { name, ...measured };
  }
  return worst;
}

export function measureParsing(runs = 21): ParseFigures {
  const md = new MarkdownIt({ html: true, linkify: true });
  const oneMb = generateRunbook(1024 * 1024);
  const [markdownItMs, modelMs] = medianPair(() => md.parse(oneMb, {}), () => parseRunbook(oneMb), runs);
  const steps = generateSteps(10_000);
  const [stepsMarkdownItMs, stepsModelMs] = medianPair(() => md.parse(steps, {}), () => parseRunbook(steps), runs);
  const model = parseRunbook(steps);
  const progress = { isDone: () => false };
  // The view's work once the model exists: the runbook's rows, and the first level under it.
  const treeFirstLevelMs = medianTime(() => {
    const rows = buildViewTree(model, 'file:///bench.md', progress);
    for (const row of rows) void row.children.length;
  }, runs);
  return {
    oneMbBytes: oneMb.length,
    markdownItMs,
    modelMs,
    ratio: modelMs / markdownItMs,
    stepsMarkdownItMs,
    stepsModelMs,
    stepsRatio: stepsModelMs / stepsMarkdownItMs,
    treeFirstLevelMs,
    ...(() => {
      const worst = worstHostile();
      return { worstHostileRatio: worst.ratio, worstHostile: `${worst.name}: model ${worst.modelMs.toFixed(1)} ms, markdown-it ${worst.markdownItMs.toFixed(1)} ms` };
    })(),
  };
}
