import { readIncident, type ReadIncident } from './frontMatter';
import { isPostmortemFileName } from './postmortem';

/** Files read at once: enough to keep the disk busy, few enough that 2,000 records are not all in memory at once. */
const CONCURRENT_READS = 16;

/** What a record's cached state is checked against: a change of either means the file changed. */
export interface FileVersion {
  readonly mtime: number;
  readonly size: number;
}

/** The file system as the index sees it (VS Code's in the extension, Node's in the benchmark). */
export interface RecordFiles<U> {
  /** The files directly in `dir`; undefined when the folder does not exist. */
  list(dir: U): Promise<readonly { readonly uri: U; readonly name: string }[] | undefined>;
  /** Undefined when the file no longer exists. */
  stat(uri: U): Promise<FileVersion | undefined>;
  /** The text as the person sees it (an open document's unsaved edits included). */
  read(uri: U): Promise<string>;
  key(uri: U): string;
}

export interface IndexedRecord<U> {
  readonly uri: U;
  readonly name: string;
  readonly read: ReadIncident;
}

/** The file-system work the index has done, for tests and the benchmark. */
export interface IndexCounts {
  listings: number;
  stats: number;
  reads: number;
}

interface Cached<U> {
  readonly record: IndexedRecord<U>;
  readonly version: FileVersion;
}

/** `changed`: stat it, and read it if its version moved. `forget`: read it (its open document's text changed). */
type Staleness = 'changed' | 'forget';

/**
 * The incident records of some folders, each read from its front matter only
 * and cached by modification time and size. A record that changed is read again
 * alone; the folders are listed again only when a file was created or deleted,
 * or the folders themselves changed, and even then only new or changed files are read.
 */
export class RecordIndex<U> {
  readonly counts: IndexCounts = { listings: 0, stats: 0, reads: 0 };
  private readonly cache = new Map<string, Cached<U>>();
  private listed: { dirs: string; files: readonly { readonly uri: U; readonly name: string }[] } | undefined;
  private readonly stale = new Map<string, Staleness>();
  private relistNeeded = true;
  private snapshot: Promise<readonly IndexedRecord<U>[]> | undefined;

  constructor(
    private readonly files: RecordFiles<U>,
    /** The folders holding records, asked at each refresh: a change of folders lists them again. */
    private readonly dirs: () => readonly U[],
    private readonly warn: (uri: U, message: string) => void = () => undefined,
  ) {}

  /** Every record, newest file name first. Refreshes run one after another; each sees every invalidation made before it started. */
  records(): Promise<readonly IndexedRecord<U>[]> {
    if (!this.snapshot || this.dirty()) {
      const previous = this.snapshot?.catch(() => undefined);
      this.snapshot = (previous ?? Promise.resolve()).then(() => this.refresh());
    }
    return this.snapshot;
  }

  /** The file changed on disk: it is checked (one stat) at the next refresh, and read only if its version moved. */
  changed(uri: U): void {
    const key = this.files.key(uri);
    if (this.stale.get(key) !== 'forget') this.stale.set(key, 'changed');
  }

  /** The record's text changed without its file (an open document's edit): it is read again at the next refresh. */
  forget(uri: U): void {
    this.stale.set(this.files.key(uri), 'forget');
  }

  /** A file was created or deleted: the folders are listed again (unchanged records are not read again). */
  relist(): void {
    this.relistNeeded = true;
  }

  private dirty(): boolean {
    return this.relistNeeded || this.stale.size > 0 || this.listed?.dirs !== this.dirKeys(this.dirs());
  }

  private dirKeys(dirs: readonly U[]): string {
    return dirs.map((d) => this.files.key(d)).join('\n');
  }

  private async refresh(): Promise<readonly IndexedRecord<U>[]> {
    const dirs = this.dirs();
    const dirKeys = this.dirKeys(dirs);
    const stale = new Map(this.stale);
    this.stale.clear();
    const relist = this.relistNeeded || this.listed?.dirs !== dirKeys || [...stale.keys()].some((k) => !this.cache.has(k));
    this.relistNeeded = false;
    if (relist || !this.listed) {
      this.listed = { dirs: dirKeys, files: await this.list(dirs) };
      const present = new Set(this.listed.files.map((f) => this.files.key(f.uri)));
      for (const key of this.cache.keys()) if (!present.has(key)) this.cache.delete(key);
    }
    const records = await mapLimited(this.listed.files, CONCURRENT_READS, (f) => this.record(f, relist, stale.get(this.files.key(f.uri))));
    return records.filter((r): r is IndexedRecord<U> => r !== undefined);
  }

  private async list(dirs: readonly U[]): Promise<{ uri: U; name: string }[]> {
    const found: { uri: U; name: string; key: string }[] = [];
    for (const dir of dirs) {
      this.counts.listings++;
      let files: Awaited<ReturnType<RecordFiles<U>['list']>>;
      try {
        files = await this.files.list(dir);
      } catch (error) {
        this.warn(dir, `incidents not read: ${describe(error)}`);
        continue;
      }
      for (const f of files ?? []) if (isRecordFileName(f.name)) found.push({ uri: f.uri, name: f.name, key: this.files.key(f.uri) });
    }
    return found.sort((a, b) => (b.key < a.key ? -1 : b.key > a.key ? 1 : 0)).map(({ uri, name }) => ({ uri, name }));
  }

  /** The record from the cache when it is known unchanged; else stat, and read only when its version moved. */
  private async record({ uri, name }: { uri: U; name: string }, relisted: boolean, staleness: Staleness | undefined): Promise<IndexedRecord<U> | undefined> {
    const key = this.files.key(uri);
    const cached = this.cache.get(key);
    if (cached && !relisted && staleness === undefined) return cached.record;
    try {
      this.counts.stats++;
      const version = await this.files.stat(uri);
      if (!version) {
        this.cache.delete(key);
        return undefined;
      }
      if (cached && staleness !== 'forget' && cached.version.mtime === version.mtime && cached.version.size === version.size) return cached.record;
      this.counts.reads++;
      const text = await this.files.read(uri);
      const read = readIncident(text);
      if (!read.ok) this.warn(uri, read.error);
      const record: IndexedRecord<U> = { uri, name, read };
      this.cache.set(key, { record, version });
      return record;
    } catch (error) {
      this.cache.delete(key);
      this.warn(uri, `not read: ${describe(error)}`);
      return undefined;
    }
  }
}

/** A Markdown file that is not a post-mortem. */
export function isRecordFileName(name: string): boolean {
  return name.endsWith('.md') && !isPostmortemFileName(name);
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
