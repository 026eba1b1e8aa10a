// Incident store figures for `npm run bench`: the core RecordIndex over real files in a temp dir, in plain Node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readIncident } from '../../src/core/incident/frontMatter';
import { RecordIndex, type RecordFiles } from '../../src/core/incident/recordIndex';
import { generatedRecord } from '../fakes/incidentRecords';

export interface RecordFigures {
  readonly records: number;
  readonly totalKb: number;
  /** A new index: list, stat and read every record. */
  readonly coldMs: number;
  /** The same index again with nothing changed. */
  readonly warmMs: number;
  /** After one record's file was rewritten and reported changed. */
  readonly afterEditMs: number;
  readonly afterEditReads: number;
  readonly afterEditStats: number;
  /** After a new file: the folder listed again, every record stat'ed, the new one read. */
  readonly afterCreateMs: number;
  readonly afterCreateReads: number;
  /** One record alone: read its file and parse its front matter. */
  readonly oneRecordMs: number;
}

/** Node's file system, as the extension's VS Code adapter does it (stat, then read, only what changed). */
export function nodeRecordFiles(counter: { reads: number } = { reads: 0 }): RecordFiles<string> {
  return {
    async list(dir) {
      try {
        return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => ({ uri: join(dir, d.name), name: d.name }));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async stat(path) {
      const s = await stat(path);
      return { mtime: s.mtimeMs, size: s.size };
    },
    async read(path) {
      counter.reads++;
      return readFile(path, 'utf8');
    },
    key: (path) => path,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function measureRecords(count: number, runs = 7): Promise<RecordFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-records-'));
  try {
    const newest = new Date();
    const names: string[] = [];
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const r = generatedRecord(i, newest);
      writeFileSync(join(dir, r.name), r.text);
      names.push(r.name);
      bytes += Buffer.byteLength(r.text);
    }
    const cold: number[] = [];
    const warm: number[] = [];
    const afterEdit: number[] = [];
    const afterCreate: number[] = [];
    const one: number[] = [];
    let editCounts = { reads: 0, stats: 0 };
    let createReads = 0;
    for (let run = 0; run < runs; run++) {
      const index = new RecordIndex(nodeRecordFiles(), () => [dir]);
      cold.push(await time(() => index.records()));
      warm.push(await time(() => index.records()));
      const target = join(dir, names[run * 7 + 3] as string);
      writeFileSync(target, (await readFile(target, 'utf8')).replace('## Debugging Details', `## Debugging Details\n- edit ${run}`));
      const before = { ...index.counts };
      index.changed(target);
      afterEdit.push(await time(() => index.records()));
      editCounts = { reads: index.counts.reads - before.reads, stats: index.counts.stats - before.stats };
      const created = join(dir, `9999-new-${run}.md`);
      writeFileSync(created, generatedRecord(count + run, newest).text);
      const beforeCreate = index.counts.reads;
      index.relist();
      afterCreate.push(await time(() => index.records()));
      createReads = index.counts.reads - beforeCreate;
      rmSync(created);
      one.push(await time(async () => readIncident(await readFile(target, 'utf8'))));
    }
    return {
      records: count,
      totalKb: bytes / 1024,
      coldMs: median(cold),
      warmMs: median(warm),
      afterEditMs: median(afterEdit),
      afterEditReads: editCounts.reads,
      afterEditStats: editCounts.stats,
      afterCreateMs: median(afterCreate),
      afterCreateReads: createReads,
      oneRecordMs: median(one),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
