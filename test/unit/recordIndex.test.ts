import * as assert from 'node:assert/strict';
import { type FileVersion, RecordIndex, type RecordFiles } from '../../src/core/incident/recordIndex';
import { generatedRecord } from '../fakes/incidentRecords';

const NEWEST = new Date('2026-11-20T10:00:00Z');

/** Files in memory with a clock for modification times; counts what the index asks for, file by file. */
class MemoryFiles implements RecordFiles<string> {
  readonly files = new Map<string, { text: string; mtime: number }>();
  readonly readsOf = new Map<string, number>();
  private clock = 1;

  write(path: string, text: string): void {
    this.files.set(path, { text, mtime: this.clock++ });
  }

  async list(dir: string) {
    const names = [...this.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => ({ uri: p, name: p.slice(dir.length + 1) }));
    return names.length || [...this.files.keys()].some((p) => p.startsWith(dir)) ? names : undefined;
  }

  async stat(uri: string): Promise<FileVersion | undefined> {
    const file = this.files.get(uri);
    return file && { mtime: file.mtime, size: file.text.length };
  }

  async read(uri: string): Promise<string> {
    this.readsOf.set(uri, (this.readsOf.get(uri) ?? 0) + 1);
    const file = this.files.get(uri);
    if (!file) throw new Error('ENOENT');
    return file.text;
  }

  key(uri: string): string {
    return uri;
  }
}

function setUp(count: number): { files: MemoryFiles; index: RecordIndex<string>; warnings: string[]; paths: string[] } {
  const files = new MemoryFiles();
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = generatedRecord(i, NEWEST);
    files.write(`/ws/incidents/${r.name}`, r.text);
    paths.push(`/ws/incidents/${r.name}`);
  }
  const warnings: string[] = [];
  const index = new RecordIndex(files, () => ['/ws/incidents'], (uri, message) => warnings.push(`${uri}: ${message}`));
  return { files, index, warnings, paths };
}

describe('the incident record index', () => {
  it('lists every record, newest file name first, from one read each; a second listing reads nothing', async () => {
    const { index, paths } = setUp(50);
    const first = await index.records();
    assert.equal(first.length, 50);
    assert.deepEqual(first.map((r) => r.uri), [...paths].sort().reverse());
    assert.ok(first.every((r) => r.read.ok && r.read.state.status !== 'investigating'));
    assert.deepEqual(index.counts, { listings: 1, stats: 50, reads: 50 });
    const second = await index.records();
    assert.equal(second, first, 'the same snapshot');
    assert.deepEqual(index.counts, { listings: 1, stats: 50, reads: 50 });
  });

  it('after one record changes, reads that record alone (one stat, one read) and keeps the others\' objects', async () => {
    const { files, index, paths } = setUp(50);
    const before = await index.records();
    const target = paths[7] as string;
    files.write(target, (files.files.get(target)?.text ?? '').replace('status: resolved', 'status: monitoring'));
    index.changed(target);
    const after = await index.records();
    assert.deepEqual(index.counts, { listings: 1, stats: 51, reads: 51 });
    assert.equal(files.readsOf.get(target), 2);
    assert.deepEqual([...files.readsOf.entries()].filter(([p, n]) => p !== target && n !== 1), [], 'no other record read again');
    const changed = after.find((r) => r.uri === target);
    assert.ok(changed?.read.ok && changed.read.state.status === 'monitoring');
    assert.ok(after.filter((r) => r.uri !== target).every((r) => before.includes(r)), 'unchanged records are the cached objects');
  });

  it('a record reported changed whose modification time did not move is not read again (cache hit by mtime)', async () => {
    const { files, index, paths } = setUp(10);
    await index.records();
    index.changed(paths[3] as string);
    await index.records();
    assert.deepEqual(index.counts, { listings: 1, stats: 11, reads: 10 });
    assert.equal(files.readsOf.get(paths[3] as string), 1);
  });

  it('forget reads the record again even when its file did not change (an open document\'s unsaved edit)', async () => {
    const { index, paths } = setUp(10);
    await index.records();
    index.forget(paths[2] as string);
    index.changed(paths[2] as string);
    await index.records();
    assert.equal(index.counts.reads, 11);
  });

  it('a created file lists the folder again, stats each record and reads only the new one; a deleted one drops out', async () => {
    const { files, index, paths } = setUp(20);
    await index.records();
    const extra = generatedRecord(500, NEWEST);
    files.write(`/ws/incidents/${extra.name}`, extra.text);
    files.write('/ws/incidents/2026-11-19-0657-x-postmortem.md', '# not a record');
    files.write('/ws/incidents/notes.txt', 'not markdown');
    index.relist();
    assert.equal((await index.records()).length, 21);
    assert.deepEqual(index.counts, { listings: 2, stats: 41, reads: 21 });
    files.files.delete(paths[0] as string);
    index.relist();
    const after = await index.records();
    assert.equal(after.length, 20);
    assert.equal(index.counts.reads, 21, 'nothing read for a deletion');
  });

  it('a change reported for a file it has not listed lists the folder again', async () => {
    const { files, index } = setUp(5);
    await index.records();
    const extra = generatedRecord(99, NEWEST);
    files.write(`/ws/incidents/${extra.name}`, extra.text);
    index.changed(`/ws/incidents/${extra.name}`);
    assert.equal((await index.records()).length, 6);
    assert.equal(index.counts.listings, 2);
  });

  it('reports a record with broken front matter (kept, with the error) and one that cannot be read (left out)', async () => {
    const { files, index, warnings } = setUp(3);
    files.write('/ws/incidents/2020-01-01-0000-broken.md', '---\ntitle: [unclosed\n---\n# Broken\n');
    const unreadable = '/ws/incidents/2020-01-01-0001-gone.md';
    files.write(unreadable, 'x');
    files.read = async (uri: string) => {
      if (uri === unreadable) throw new Error('EACCES: permission denied');
      return files.files.get(uri)?.text ?? '';
    };
    const records = await index.records();
    assert.equal(records.length, 4);
    const broken = records.find((r) => r.name === '2020-01-01-0000-broken.md');
    assert.ok(broken && !broken.read.ok && /not valid YAML/.test(broken.read.error));
    assert.equal(warnings.length, 2);
    assert.match(warnings.join('\n'), /broken\.md: the front matter is not valid YAML/);
    assert.match(warnings.join('\n'), /gone\.md: not read: EACCES: permission denied/);
  });

  it('a change of folders lists the new ones; a folder that does not exist gives no records and no warning', async () => {
    const { files } = setUp(3);
    let dirs = ['/ws/incidents'];
    const warnings: string[] = [];
    const index = new RecordIndex(files, () => dirs, (_uri, m) => warnings.push(m));
    assert.equal((await index.records()).length, 3);
    dirs = ['/ws/elsewhere'];
    assert.equal((await index.records()).length, 0);
    assert.deepEqual(warnings, []);
  });

  it('an invalidation made while a refresh runs is seen by the next listing', async () => {
    const { files, index, paths } = setUp(5);
    const target = paths[1] as string;
    const first = index.records();
    files.write(target, (files.files.get(target)?.text ?? '').replace('severity: ', 'severity: 1\nx: '));
    index.forget(target);
    await first;
    const next = await index.records();
    const record = next.find((r) => r.uri === target);
    assert.ok(record?.read.ok && record.read.state.severity === 1);
  });
});
