// `npm run bench`: benchmark figures (never timed assertions in tests).
//  - activation: from getExtension(id).activate() to its promise resolving, in
//    the real extension host of code-server, median over fresh windows;
//  - size of dist/extension.js (production build) and of the .vsix;
//  - runbook model building against markdown-it's own parse, and the tree's first level,
//    measured on a minified bundle of the core (what ships), not on tsx's output;
//  - the incident store's index over 2,000 real record files: cold and warm listing, the work after one edit.
import * as esbuild from 'esbuild';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as BenchParse from './benchParse';
import type * as BenchRecords from './benchRecords';
import { copyFixture, runInHost } from './integrationLayer';
import { measureSearch } from './benchSearch';
import { EXTENSION_VSIX, packageExtension, packageRunner, REPO_ROOT } from './packaging';
import { shutdownAll } from './processes';
import type { BenchReport } from './report';
import { RESULTS_DIR } from './results';
import { ensureToolchain } from './toolchain';

const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 7);

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly budget?: number;
  readonly detail?: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function activationFigure(): Promise<Figure> {
  const vsixFiles = [packageExtension(), packageRunner()];
  // An empty folder, so that nothing activates the extension before the runner measures it.
  const reports = await runInHost<BenchReport>({ toolchain: ensureToolchain(), vsixFiles, workspace: copyFixture('empty-workspace'), mode: 'bench', windows: WINDOWS });
  const valid = reports.filter((r) => !r.wasAlreadyActive).map((r) => r.activationMs);
  if (valid.length === 0) throw new Error('the extension was already active in every window: activation could not be measured');
  return {
    name: 'activation (median)',
    value: median(valid),
    unit: 'ms',
    budget: 50,
    detail: `${valid.length} fresh windows, VS Code ${reports[0]?.vscodeVersion}: ${valid.map((v) => v.toFixed(1)).join(', ')} ms`,
  };
}

function sizeFigures(): Figure[] {
  const kb = (path: string) => statSync(path).size / 1024;
  return [
    { name: 'dist/extension.js', value: kb(join(REPO_ROOT, 'dist', 'extension.js')), unit: 'KB', budget: 400, detail: 'loaded at activation; markdown-it and yaml load on first use from dist/vendor/' },
    { name: '.vsix', value: kb(EXTENSION_VSIX), unit: 'KB', budget: 1024 },
  ];
}

async function parseFigures(): Promise<Figure[]> {
  const outfile = join(REPO_ROOT, 'out', 'bench', 'benchParse.js');
  await esbuild.build({ entryPoints: [join(__dirname, 'benchParse.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { measureParsing } = require(outfile) as typeof BenchParse;
  const f = measureParsing();
  return [
    { name: 'model / markdown-it, 1 MB', value: f.ratio, unit: '×', budget: 1.5, detail: `${(f.oneMbBytes / 1024).toFixed(0)} KB generated runbook: model ${f.modelMs.toFixed(1)} ms, markdown-it parse ${f.markdownItMs.toFixed(1)} ms (medians of 21, interleaved)` },
    { name: 'model / markdown-it, 10k steps', value: f.stepsRatio, unit: '×', budget: 1.5, detail: `model ${f.stepsModelMs.toFixed(1)} ms, markdown-it parse ${f.stepsMarkdownItMs.toFixed(1)} ms` },
    { name: 'model / markdown-it, worst hostile', value: f.worstHostileRatio, unit: '×', budget: 3, detail: `${f.worstHostile} (fastest of 7 each, interleaved)` },
    { name: 'tree root + first level, 10k', value: f.treeFirstLevelMs, unit: 'ms', budget: 10, detail: 'rows for the 10,000-step runbook from its model (median of 21)' },
  ];
}

async function recordFigures(): Promise<Figure[]> {
  const outfile = join(REPO_ROOT, 'out', 'bench', 'benchRecords.js');
  await esbuild.build({ entryPoints: [join(__dirname, 'benchRecords.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { measureRecords } = require(outfile) as typeof BenchRecords;
  const f = await measureRecords(2000);
  const records = `${f.records} records, ${(f.totalKb / 1024).toFixed(1)} MB, real files in a temp dir (medians of 7)`;
  return [
    { name: 'incident records: cold list', value: f.coldMs, unit: 'ms', detail: `${records}: list, stat and read each, front matter parsed` },
    { name: 'incident records: warm list', value: f.warmMs, unit: 'ms', detail: 'nothing changed: no file touched' },
    { name: 'incident records: after 1 edit', value: f.afterEditMs, unit: 'ms', detail: `${f.afterEditReads} file read, ${f.afterEditStats} stat; one record alone (read + parse): ${f.oneRecordMs.toFixed(2)} ms` },
    { name: 'incident records: after create', value: f.afterCreateMs, unit: 'ms', detail: `folder listed again, every record stat'ed, ${f.afterCreateReads} file read` },
  ];
}

async function searchFigures(): Promise<Figure[]> {
  const f = await measureSearch(2500, 100);
  return [
    { name: 'merged-PR search: requests', value: f.requests, unit: 'req', detail: `${f.found} of ${f.prs} PRs found; minimum ${f.minimumRequests} requests of 100 (the 1,000-result cap costs one first page per split window); fake GitHub with 100 ms latency; ${(f.totalMs / 1000).toFixed(1)} s in all` },
    { name: 'merged-PR search: first result', value: f.firstResultMs, unit: 'ms', detail: `one request alone: ${f.oneRequestMs.toFixed(0)} ms (ratio ${(f.firstResultMs / f.oneRequestMs).toFixed(2)})` },
  ];
}

async function main(): Promise<void> {
  const figures: Figure[] = [...(await parseFigures()), ...(await recordFigures()), ...(await searchFigures()), await activationFigure(), ...sizeFigures()];
  await shutdownAll();
  console.log('\nbenchmark                            value       budget');
  for (const f of figures) {
    const budget = f.budget === undefined ? '' : `${f.value <= f.budget ? 'within' : 'OVER'} ${f.budget} ${f.unit}`;
    console.log(`${f.name.padEnd(32)} ${f.value.toFixed(f.unit === '×' ? 2 : 1).padStart(8)} ${f.unit.padEnd(3)} ${budget}`);
    if (f.detail) console.log(`${''.padEnd(34)}${f.detail}`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'bench.json'), JSON.stringify(figures, null, 2));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await shutdownAll();
  process.exit(1);
});
