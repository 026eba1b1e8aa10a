// The instance's rows, journals, rules and clock, and what a PATCH or PUT does to a row: only the table's own
// columns are written (others and sys_ columns ignored), a journal column appends an entry instead, a new state
// sets `active` and the closing stamps as the base system's business rules do, and the rules of the record's
// class and the tables it extends may refuse the whole write.
import type { FakeRecord, FakeRule, JournalEntry, RuleRefusal } from './serviceNowModel';
import { defaultRules } from './serviceNowRules';
import { belongsTo, columnsOf, glideDateTime, JOURNALS, lineage, nearest } from './serviceNowSchema';

export class ServiceNowTables {
  /** Every row of every table, by sys_id, in the order set. */
  private rows = new Map<string, FakeRecord>();
  private journals = new Map<string, JournalEntry[]>();
  rules = defaultRules();
  /** The fake's clock; undefined: the real time. */
  frozenNow: Date | undefined;

  now(): Date {
    return this.frozenNow ? new Date(this.frozenNow.getTime()) : new Date();
  }

  set(records: readonly FakeRecord[]): void {
    this.rows = new Map(records.map((r) => [r.sys_id, { ...r }]));
    this.journals.clear();
  }

  /** The rows of `table` (its own class and every class that extends it), in the order set. */
  list(table: string): FakeRecord[] {
    return [...this.rows.values()].filter((r) => belongsTo(r.sys_class_name, table));
  }

  row(sysId: string): FakeRecord | undefined {
    return this.rows.get(sysId);
  }

  find(table: string, sysId: string): FakeRecord | undefined {
    const row = this.rows.get(sysId);
    return row && belongsTo(row.sys_class_name, table) ? row : undefined;
  }

  journal(sysId: string): readonly JournalEntry[] {
    return [...(this.journals.get(sysId) ?? [])];
  }

  /** Writes `body` into the row through `table`; nothing changes when a rule refuses. */
  update(table: string, row: FakeRecord, body: Readonly<Record<string, unknown>>, author: string): { readonly updated: FakeRecord } | { readonly refused: RuleRefusal } {
    const columns = columnsOf(table);
    const after: Record<string, string> = { ...row };
    const changed = new Set<string>();
    const notes: { element: string; value: string }[] = [];
    for (const [column, raw] of Object.entries(body)) {
      if (!columns.includes(column) || column.startsWith('sys_')) continue;
      const value = raw === null || raw === undefined ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
      if (JOURNALS.has(column)) {
        if (value.trim()) notes.push({ element: column, value });
      } else after[column] = value;
      changed.add(column);
    }
    const stamp = glideDateTime(this.now());
    if (changed.has('state')) this.applyState(after, stamp);
    const refused = this.rulesOf(row.sys_class_name).map((rule) => rule(after, changed)).find((r) => r !== undefined);
    if (refused) return { refused };
    Object.assign(after, { sys_updated_on: stamp, sys_updated_by: author, sys_mod_count: String(Number(row.sys_mod_count ?? 0) + 1) });
    const updated = after as FakeRecord;
    this.rows.set(row.sys_id, updated);
    this.journals.set(row.sys_id, [...this.journal(row.sys_id), ...notes.map((n) => ({ ...n, createdBy: author, createdOn: stamp }))]);
    return { updated };
  }

  private applyState(after: Record<string, string>, stamp: string): void {
    const recordClass = after.sys_class_name ?? '';
    const inactive = (nearest(recordClass, 'inactiveStates') ?? []).includes(after.state ?? '');
    after.active = String(!inactive);
    if (inactive && !after.closed_at) after.closed_at = stamp;
    if (after.state === nearest(recordClass, 'resolvedState') && !after.resolved_at) after.resolved_at = stamp;
  }

  private rulesOf(recordClass: string): FakeRule[] {
    return lineage(recordClass).flatMap((t) => this.rules.get(t) ?? []);
  }
}
