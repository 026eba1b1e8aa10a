/**
 * Newer results win: each scan takes a ticket, and only the holder of the
 * newest ticket for a key may publish. An older scan that finishes late
 * sees `isCurrent` false and writes nothing.
 *
 *   const ticket = sequencer.next(uri);
 *   const result = await scan(uri);
 *   if (sequencer.isCurrent(ticket)) publish(result);
 */
export class Sequencer<K = string> {
  private readonly latest = new Map<K, number>();
  private counter = 0;

  next(key: K): Ticket<K> {
    const id = ++this.counter;
    this.latest.set(key, id);
    return { key, id };
  }

  isCurrent(ticket: Ticket<K>): boolean {
    return this.latest.get(ticket.key) === ticket.id;
  }

  /** Makes every outstanding ticket for `key` stale (the view was cleared). A key with no ticket has nothing to make stale. */
  invalidate(key: K): void {
    if (this.latest.has(key)) this.latest.set(key, ++this.counter);
  }

  /**
   * Drops `key` (the document closed): its outstanding tickets become stale, and nothing is kept
   * for it, so the sequencer does not grow with every key it has ever seen.
   */
  forget(key: K): void {
    this.latest.delete(key);
  }

  /** How many keys are tracked. */
  get size(): number {
    return this.latest.size;
  }

  /** Runs `work` and hands its result to `publish` only if no newer ticket for `key` was taken meanwhile. */
  async run<T>(key: K, work: () => Promise<T>, publish: (result: T) => void): Promise<boolean> {
    const ticket = this.next(key);
    const result = await work();
    if (!this.isCurrent(ticket)) return false;
    publish(result);
    return true;
  }
}

export interface Ticket<K> {
  readonly key: K;
  readonly id: number;
}
