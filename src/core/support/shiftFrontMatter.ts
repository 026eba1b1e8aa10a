import type * as YamlModule from 'yaml';
import { frontMatterLength, MAX_FRONT_MATTER_CHARS, PARSE_OPTIONS } from '../incident/frontMatter';
import { yaml } from '../yamlModule';
import { LOG_TYPE } from './shiftLogModel';

/** The front matter fields of a shift log, as read. */
export interface ShiftFields {
  readonly plan: string;
  readonly engineer: string;
  readonly started: string;
  readonly ended?: string;
  readonly tickets: readonly string[];
  readonly incidents: readonly string[];
}

/** Fields an edit sets; lists are written in flow style (`tickets: [INC0010045]`), short in a diff. */
export interface FieldUpdates {
  readonly ended?: string;
  readonly checks_done?: number;
  readonly checks_total?: number;
  readonly tickets?: readonly string[];
  readonly incidents?: readonly string[];
}

type Parsed = { readonly ok: true; readonly doc: YamlModule.Document.Parsed; readonly length: number; readonly data: Record<string, unknown> } | { readonly ok: false; readonly error: string };

function parse(text: string): Parsed {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const length = frontMatterLength(text.slice(bom));
  if (length === 0) return { ok: false, error: 'this is not a support shift log: it has no front matter (a --- block at the top)' };
  const block = text.slice(bom, bom + length);
  const source = block.replace(/^---\r?\n/, '').replace(/\r?\n---[ \t]*(?:\r?\n)?$/, '');
  if (source.length > MAX_FRONT_MATTER_CHARS) return { ok: false, error: `the front matter is ${Math.ceil(source.length / 1024)} KB; a shift log's is read up to ${MAX_FRONT_MATTER_CHARS / 1024} KB` };
  const doc = yaml().parseDocument(source, PARSE_OPTIONS);
  if (doc.errors.length) return { ok: false, error: `the front matter is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}` };
  if (!yaml().isMap(doc.contents)) return { ok: false, error: 'the front matter is not a mapping of fields' };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, error: `the front matter cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, doc, length: bom + length, data: data as Record<string, unknown> };
}

export type ReadFields = { readonly ok: true; readonly fields: ShiftFields } | { readonly ok: false; readonly error: string };

export function readShiftFields(text: string): ReadFields {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  if (d.type !== LOG_TYPE) return { ok: false, error: `this is not a support shift log: its front matter says type ${d.type === undefined ? '(none)' : JSON.stringify(d.type)}, not "${LOG_TYPE}"` };
  const missing = ['plan', 'engineer', 'started'].filter((k) => typeof d[k] !== 'string' || !d[k]);
  if (missing.length) return { ok: false, error: `the front matter lacks ${missing.join(', ')}` };
  if (Number.isNaN(Date.parse(d.started as string))) return { ok: false, error: `started "${String(d.started)}" is not a date` };
  if (d.ended !== null && d.ended !== undefined && (typeof d.ended !== 'string' || Number.isNaN(Date.parse(d.ended)))) {
    return { ok: false, error: `ended "${String(d.ended)}" is not a date` };
  }
  const ended = typeof d.ended === 'string' ? d.ended : undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return { ok: true, fields: { plan: d.plan as string, engineer: d.engineer as string, started: d.started as string, ...(ended ? { ended } : {}), tickets: list(d.tickets), incidents: list(d.incidents) } };
}

/** A new log's front matter block. */
export function newFrontMatter(fields: Pick<ShiftFields, 'plan' | 'engineer' | 'started'> & { readonly checks_total: number }): string {
  const values = { type: LOG_TYPE, plan: fields.plan, engineer: fields.engineer, started: fields.started, ended: null, checks_done: 0, checks_total: fields.checks_total, tickets: [], incidents: [] };
  return `---\n${yaml().stringify(values, { lineWidth: 0 })}---\n`;
}

export type FrontMatterEdit = { readonly start: 0; readonly end: number; readonly text: string } | { readonly error: string } | undefined;

/** The edit that sets the fields, field by field (what a person added is kept); undefined when nothing changes. */
export function frontMatterEdit(text: string, updates: FieldUpdates): FrontMatterEdit {
  const parsed = parse(text);
  if (!parsed.ok) return { error: parsed.error };
  const { doc } = parsed;
  let changed = false;
  for (const [key, value] of Object.entries(updates) as [string, unknown][]) {
    if (value === undefined || JSON.stringify(parsed.data[key] ?? null) === JSON.stringify(value)) continue;
    const node = doc.createNode(value);
    if (yaml().isSeq(node)) node.flow = true;
    doc.set(key, node);
    changed = true;
  }
  if (!changed) return undefined;
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = text.slice(0, parsed.length).includes('\r\n') ? '\r\n' : '\n';
  const body = doc.toString({ lineWidth: 0 }).replace(/\r?\n/g, eol);
  return { start: 0, end: parsed.length, text: `${bom}---${eol}${body}---${eol}` };
}
