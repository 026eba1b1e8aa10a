import type * as YamlModule from 'yaml';
import { yaml } from '../yamlModule';
import { pagerDutyFromFrontMatter, pagerDutyFrontMatterValue } from '../pagerduty/pagerDutyRecord';
import { slackFrontMatterValue, slackThreadFromFrontMatter } from '../slack/slackRecord';
import { INCIDENT_STATUSES, type IncidentRoles, type IncidentState, isIncidentStatus, type TemplateUsed } from './incident';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** A record's front matter holds a few dozen short fields; far beyond that is not a record to parse on every scan. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/**
 * yaml's own duplicate-key check compares every key with every other (40,000 keys took 8.5 s);
 * `duplicateKey` below does the same job in one pass.
 */
export const PARSE_OPTIONS = { uniqueKeys: false } as const satisfies YamlModule.ParseOptions & YamlModule.DocumentOptions;

/** Length, in characters, of the front matter block at the start of `text` (0 if none). */
export function frontMatterLength(text: string): number {
  return FRONT_MATTER.exec(text)?.[0].length ?? 0;
}

/** How many lines the front matter block (with its `---` lines) takes; 0 if none. */
export function frontMatterLineCount(text: string): number {
  const match = FRONT_MATTER.exec(text);
  return match ? match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) : 0;
}

type Parsed = { readonly ok: true; readonly doc: YamlModule.Document.Parsed; readonly block: string } | { readonly ok: false; readonly error: string };

function parseFrontMatter(text: string): Parsed {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!match) return { ok: false, error: 'no front matter (the document must start with a --- block)' };
  const source = match[1] ?? '';
  if (source.length > MAX_FRONT_MATTER_CHARS) {
    return { ok: false, error: `the front matter is ${Math.ceil(source.length / 1024)} KB; a record's is read up to ${MAX_FRONT_MATTER_CHARS / 1024} KB` };
  }
  const doc = yaml().parseDocument(source, PARSE_OPTIONS);
  if (doc.errors.length) return { ok: false, error: `the front matter is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}` };
  if (!yaml().isMap(doc.contents)) return { ok: false, error: 'the front matter is not a mapping of fields' };
  const duplicate = duplicateKey(doc.contents);
  if (duplicate !== undefined) return { ok: false, error: `the front matter sets "${duplicate}" twice` };
  return { ok: true, doc, block: match[0] };
}

function duplicateKey(map: YamlModule.YAMLMap): string | undefined {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const key = String(yaml().isScalar(pair.key) ? pair.key.value : pair.key);
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

export type ReadIncident = { readonly ok: true; readonly state: IncidentState } | { readonly ok: false; readonly error: string };

/** Reads the state from a document's front matter; says exactly what is wrong when it cannot. */
export function readIncident(text: string): ReadIncident {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  let data: unknown;
  try {
    data = parsed.doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, error: `the front matter cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const d = data as Record<string, unknown>;
  const missing = ['id', 'title', 'status', 'startedAt'].filter((k) => typeof d[k] !== 'string' || !d[k]);
  if (missing.length) return { ok: false, error: `the front matter lacks ${missing.join(', ')}` };
  // Records written before status stages say "active".
  const status = d.status === 'active' ? 'investigating' : d.status;
  if (!isIncidentStatus(status)) return { ok: false, error: `status is "${String(d.status)}"; it must be one of ${INCIDENT_STATUSES.join(', ')}` };
  if (Number.isNaN(Date.parse(d.startedAt as string))) return { ok: false, error: `startedAt "${String(d.startedAt)}" is not a date` };
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const text2 = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v));
  const roles: Record<string, string> = {};
  if (typeof d.roles === 'object' && d.roles && !Array.isArray(d.roles)) {
    for (const [key, value] of Object.entries(d.roles as Record<string, unknown>)) if (text2(value)) roles[key] = text2(value) as string;
  }
  return {
    ok: true,
    state: {
      id: d.id as string,
      title: d.title as string,
      status,
      startedAt: d.startedAt as string,
      detectedAt: text2(d.detectedAt) ?? (d.startedAt as string),
      ...(text2(d.resolvedAt) ? { resolvedAt: text2(d.resolvedAt) as string } : {}),
      severity: Number(d.severity) || 3,
      impact: text2(d.impact) ?? '',
      ...(text2(d.affected) ? { affected: text2(d.affected) as string } : {}),
      errorTypes: list(d.errorTypes),
      systems: list(d.systems),
      roles: roles as IncidentRoles,
      ...(text2(d.runbook) ? { runbook: text2(d.runbook) as string } : {}),
      progress: list(d.progress),
      ...templateUsed(d.template),
      ...optional('slack', slackThreadFromFrontMatter(d.slack)),
      ...optional('pagerduty', pagerDutyFromFrontMatter(d.pagerduty)),
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

/** `template: { source, sha }`, or a bare source as a person may write it. */
function templateUsed(value: unknown): { template?: TemplateUsed } {
  if (typeof value === 'string' && value) return { template: { source: value } };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const { source, sha } = value as Record<string, unknown>;
  return typeof source === 'string' && source ? { template: { source, ...(typeof sha === 'string' && sha ? { sha } : {}) } } : {};
}

/** The state as ordered front-matter fields; `null` marks a field that is not set (and is removed). */
function stateFields(state: IncidentState): Record<string, unknown> {
  const { id, title, status, startedAt, detectedAt, resolvedAt, severity, impact, affected, errorTypes, systems, roles, runbook, progress, template, slack, pagerduty } = state;
  return {
    id, title, status, startedAt, detectedAt, resolvedAt: resolvedAt ?? null, severity, impact, affected: affected ?? null, errorTypes: [...errorTypes], systems: [...systems],
    roles: Object.fromEntries(Object.entries(roles).filter(([, v]) => v)), runbook: runbook ?? null, progress: [...progress], template: template ? { ...template } : null,
    // Never removed once set, and a value a person wrote that does not read as one is left as it is.
    ...(slack ? { slack: slackFrontMatterValue(slack) } : {}),
    ...(pagerduty ? { pagerduty: pagerDutyFrontMatterValue(pagerduty) } : {}),
  };
}

/** A new front matter block for a new record; fields not set are left out rather than written as `null`. */
export function frontMatter(state: IncidentState): string {
  const fields = Object.fromEntries(Object.entries(stateFields(state)).filter(([, v]) => v !== null));
  return `---\n${yaml().stringify(fields, { lineWidth: 0 })}---\n`;
}

export type FrontMatterEdit = { readonly ok: true; readonly length: number; readonly text: string } | { readonly ok: false; readonly error: string };

/**
 * The record's front matter block (its first `length` characters) rewritten
 * with the state's fields. The parsed YAML is edited in place, field by field
 * and list item by list item, so keys, comments and formatting a person added
 * are kept. A front matter that cannot be read is refused, never replaced.
 */
export function frontMatterWithState(text: string, state: IncidentState): FrontMatterEdit {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  const { doc } = parsed;
  for (const [key, value] of Object.entries(stateFields(state))) assign(doc, doc.contents as YamlModule.YAMLMap, key, value);
  const eol = parsed.block.includes('\r\n') ? '\r\n' : '\n';
  const body = doc.toString({ lineWidth: 0 }).replace(/\r?\n/g, eol);
  return { ok: true, length: (text.startsWith('\uFEFF') ? 1 : 0) + parsed.block.length, text: `${text.startsWith('\uFEFF') ? '\uFEFF' : ''}---${eol}${body}---${eol}` };
}

/** The whole document with `frontMatterWithState` applied; throws what it refuses. */
export function withState(text: string, state: IncidentState): string {
  const edit = frontMatterWithState(text, state);
  if (!edit.ok) throw new Error(edit.error);
  return edit.text + text.slice(edit.length);
}

/** Sets `value` under `key`, touching only what differs: mappings key by key, lists item by item. */
function assign(doc: YamlModule.Document, map: YamlModule.YAMLMap, key: string, value: unknown): void {
  const Y = yaml();
  const current: unknown = map.get(key, true);
  if (Array.isArray(value) && Y.isSeq(current) && current.items.length > 0) {
    updateList(doc, current, value);
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Y.isMap(current)) {
    for (const [k, v] of Object.entries(value)) assign(doc, current, k, v);
    // A role given up is removed; a key holding something other than a name is a person's, and stays.
    for (const pair of [...current.items]) {
      const k = Y.isScalar(pair.key) ? pair.key.value : pair.key;
      const v: unknown = Y.isNode(pair.value) ? pair.value.toJSON() : pair.value;
      if (typeof k === 'string' && !Object.hasOwn(value, k) && (typeof v === 'string' || v === null)) current.delete(k);
    }
    return;
  }
  const currentValue = Y.isNode(current) ? current.toJSON() : current;
  if (JSON.stringify(currentValue ?? null) !== JSON.stringify(value)) map.set(key, doc.createNode(value));
}

/**
 * Removes the items no longer wanted and appends the new ones, so the kept
 * items keep their comments; a comment above a removed item moves to the next one.
 */
function updateList(doc: YamlModule.Document, seq: YamlModule.YAMLSeq, wanted: readonly unknown[]): void {
  const Y = yaml();
  const key = (v: unknown) => JSON.stringify(v ?? null);
  const wantedKeys = new Set(wanted.map(key));
  let orphanComment: string | undefined;
  const kept: unknown[] = [];
  for (const item of seq.items) {
    const node = Y.isNode(item) ? item : undefined;
    const value = node ? node.toJSON() : item;
    if (wantedKeys.has(key(value))) {
      if (orphanComment !== undefined && node) node.commentBefore = node.commentBefore ? `${orphanComment}\n${node.commentBefore}` : orphanComment;
      orphanComment = undefined;
      kept.push(item);
      wantedKeys.delete(key(value));
    } else if (node?.commentBefore) {
      orphanComment = orphanComment ? `${orphanComment}\n${node.commentBefore}` : node.commentBefore;
    }
  }
  const added = wanted.filter((v) => wantedKeys.delete(key(v)));
  const addedNodes = added.map((v) => doc.createNode(v));
  const first = addedNodes[0];
  if (orphanComment !== undefined && Y.isNode(first)) first.commentBefore = orphanComment;
  seq.items = [...kept, ...addedNodes];
  // A block list left empty must print as [].
  if (seq.items.length === 0) seq.flow = true;
}
