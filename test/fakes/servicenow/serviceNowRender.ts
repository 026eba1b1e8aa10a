// A record as the Table API answers it, after sysparm_fields (unknown columns ignored), sysparm_display_value and
// sysparm_exclude_reference_link (c_TableAPI.md of ServiceNow/ServiceNowDocs):
// - false (the default): stored values; a reference is `{ link, value }` (the docs' GET and PATCH examples).
// - true: display values: choice labels ("2 - High", "In Progress"), dates in the caller's time zone, the class's
//   label for sys_class_name ("Incident", not "incident"), a reference as `{ display_value, link }` (the
//   dot-walking example of c_RESTAPI.md).
// - all: `{ display_value, value }` for every column, and `link` too for a reference.
// With sysparm_exclude_reference_link=true a reference is its bare value (false), its bare display value (true)
// or `{ display_value, value }` (all). An empty reference is "" (or `{ display_value: "", value: "" }` with all).
// Journal columns (work_notes, comments) read back empty, as the docs' PATCH example shows for `comments`.
import type { FakeRecord } from './serviceNowModel';
import { choicesOf, columnsOf, DATE_TIMES, JOURNALS, REFERENCES, TABLES } from './serviceNowSchema';

export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderOptions {
  readonly mode: DisplayMode;
  readonly excludeLinks: boolean;
  /** The columns to answer, in order. */
  readonly columns: readonly string[];
  readonly timeZone: string;
  /** The instance's own URL, for reference links. */
  readonly instanceUrl: string;
  readonly lookup: (table: string, sysId: string) => FakeRecord | undefined;
}

export function renderOptions(params: URLSearchParams, table: string, context: Pick<RenderOptions, 'timeZone' | 'instanceUrl' | 'lookup'>): RenderOptions {
  const all = columnsOf(table);
  const asked = params.get('sysparm_fields')?.split(',').map((f) => f.trim()).filter((f) => all.includes(f));
  const mode = params.get('sysparm_display_value')?.toLowerCase();
  return {
    ...context,
    mode: mode === 'true' || mode === 'all' ? mode : 'false',
    excludeLinks: params.get('sysparm_exclude_reference_link')?.toLowerCase() === 'true',
    columns: asked?.length ? [...new Set(asked)] : all,
  };
}

export function renderRecord(record: FakeRecord, options: RenderOptions): Record<string, unknown> {
  return Object.fromEntries(options.columns.map((column) => [column, renderColumn(record, column, options)]));
}

function renderColumn(record: FakeRecord, column: string, o: RenderOptions): unknown {
  const value = JOURNALS.has(column) ? '' : (record[column] ?? '');
  const table = REFERENCES[column];
  if (table) return renderReference(table, value, o);
  const display = displayValue(record.sys_class_name, column, value, o.timeZone);
  return o.mode === 'all' ? { display_value: display, value } : o.mode === 'true' ? display : value;
}

function renderReference(table: string, value: string, o: RenderOptions): unknown {
  if (!value) return o.mode === 'all' ? { display_value: '', value: '' } : '';
  const display = o.lookup(table, value)?.name ?? '';
  const link = o.excludeLinks ? {} : { link: `${o.instanceUrl}/api/now/table/${table}/${value}` };
  if (o.mode === 'all') return { display_value: display, ...link, value };
  if (o.excludeLinks) return o.mode === 'true' ? display : value;
  return o.mode === 'true' ? { display_value: display, ...link } : { ...link, value };
}

function displayValue(recordClass: string, column: string, value: string, timeZone: string): string {
  if (!value) return '';
  if (column === 'sys_class_name') return TABLES[value]?.label ?? value;
  if (DATE_TIMES.has(column)) return inTimeZone(value, timeZone);
  return choicesOf(recordClass, column)?.[value] ?? value;
}

/** `YYYY-MM-DD HH:mm:ss` in UTC → the same format in `timeZone` (the user's default date format). */
function inTimeZone(utc: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(`${utc.replace(' ', 'T')}Z`));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
