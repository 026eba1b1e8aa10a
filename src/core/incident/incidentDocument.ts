import type * as YamlModule from 'yaml';
import { type IncidentState } from './incident';
import { formatClock } from '../time/formatTime';

/** Required on first use, not imported: the bundle then evaluates yaml when a record is read, not at activation. */
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof YamlModule;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The placeholders a custom traceability template may use, with what they become. */
export function templateValues(state: IncidentState, timeZone?: string): Record<string, string> {
  return {
    id: state.id,
    title: state.title,
    status: state.status,
    severity: String(state.severity),
    impact: state.impact,
    affected: state.affected ?? '',
    errorTypes: state.errorTypes.join(', '),
    systems: state.systems.join(', '),
    coordinator: state.roles.coordinator ?? '',
    technicalLead: state.roles.technicalLead ?? '',
    startedAt: state.startedAt,
    detectedAt: state.detectedAt,
    startedClock: formatClock(new Date(state.startedAt), timeZone),
    runbook: state.runbook ?? '',
  };
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Fills `{{name}}` placeholders; an unknown one is an error listing it and the valid names. */
export function renderTemplate(template: string, values: Record<string, string>): { ok: true; text: string } | { ok: false; message: string } {
  const unknown = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !Object.hasOwn(values, name)))];
  if (unknown.length) {
    return { ok: false, message: `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}. Valid names: ${Object.keys(values).join(', ')}.` };
  }
  return { ok: true, text: template.replace(PLACEHOLDER, (_, name: string) => (Object.hasOwn(values, name) ? values[name] : '') ?? '') };
}

export const DEFAULT_TEMPLATE = `# Incident: {{title}}

## Summary
_Leave blank until the incident is resolved._

## Impact
- Impact: {{impact}}
- Affected: {{affected}}
- Severity: {{severity}}
- Error types: {{errorTypes}}
- Systems: {{systems}}
- Coordinator: {{coordinator}}
- Technical lead: {{technicalLead}}
- Runbook: {{runbook}}

## Timeline

## Recent Changes

## Dashboards

## Debugging Details
_A log of the avenues tried: what was looked at, what was found, what was ruled out._

## Post-incident
`;

/** Front matter holding the state, then the rendered body, then the first timeline entry. */
export function renderIncidentDocument(state: IncidentState, template: string, detection: string, timeZone?: string): { ok: true; text: string } | { ok: false; message: string } {
  const body = renderTemplate(template, templateValues(state, timeZone));
  if (!body.ok) return body;
  const document = `${frontMatter(state)}${body.text.endsWith('\n') ? body.text : `${body.text}\n`}`;
  const entry = `- ${formatClock(new Date(state.detectedAt), timeZone)} — ${detection}`;
  const withEntry = insertUnderSection(document, /^timeline$/i, [entry]);
  return { ok: true, text: withEntry?.text ?? `${document}\n## Timeline\n${entry}\n` };
}

/** The state as ordered front-matter fields; `null` marks a field that is not set. */
function stateFields(state: IncidentState): Record<string, unknown> {
  const { id, title, status, startedAt, detectedAt, resolvedAt, severity, impact, affected, errorTypes, systems, roles, runbook, progress } = state;
  return { id, title, status, startedAt, detectedAt, resolvedAt: resolvedAt ?? null, severity, impact, affected: affected ?? null, errorTypes: [...errorTypes], systems: [...systems], roles: { ...roles }, runbook: runbook ?? null, progress: [...progress] };
}

function frontMatter(state: IncidentState): string {
  return `---\n${yaml().stringify(stateFields(state), { lineWidth: 0 })}---\n`;
}

export type ReadIncident = { readonly ok: true; readonly state: IncidentState } | { readonly ok: false; readonly error: string };

/** Reads the state from a document's front matter; says exactly what is wrong when it cannot. */
export function readIncident(text: string): ReadIncident {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!match) return { ok: false, error: 'no front matter (the document must start with a --- block)' };
  const doc = yaml().parseDocument(match[1] ?? '');
  if (doc.errors.length) return { ok: false, error: `the front matter is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}` };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, error: `the front matter cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, error: 'the front matter is not a mapping of fields' };
  const d = data as Record<string, unknown>;
  const missing = ['id', 'title', 'status', 'startedAt'].filter((k) => typeof d[k] !== 'string' || !d[k]);
  if (missing.length) return { ok: false, error: `the front matter lacks ${missing.join(', ')}` };
  if (d.status !== 'active' && d.status !== 'resolved') return { ok: false, error: `status is "${String(d.status)}"; it must be active or resolved` };
  if (Number.isNaN(Date.parse(d.startedAt as string))) return { ok: false, error: `startedAt "${String(d.startedAt)}" is not a date` };
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const text2 = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v));
  const roles = typeof d.roles === 'object' && d.roles ? (d.roles as Record<string, unknown>) : {};
  return {
    ok: true,
    state: {
      id: d.id as string,
      title: d.title as string,
      status: d.status,
      startedAt: d.startedAt as string,
      detectedAt: text2(d.detectedAt) ?? (d.startedAt as string),
      ...(text2(d.resolvedAt) ? { resolvedAt: text2(d.resolvedAt) as string } : {}),
      severity: Number(d.severity) || 3,
      impact: text2(d.impact) ?? '',
      ...(text2(d.affected) ? { affected: text2(d.affected) as string } : {}),
      errorTypes: list(d.errorTypes),
      systems: list(d.systems),
      roles: { ...(text2(roles.coordinator) ? { coordinator: text2(roles.coordinator) as string } : {}), ...(text2(roles.technicalLead) ? { technicalLead: text2(roles.technicalLead) as string } : {}) },
      ...(text2(d.runbook) ? { runbook: text2(d.runbook) as string } : {}),
      progress: list(d.progress),
    },
  };
}

/**
 * The document with the state's fields set in its front matter. The parsed YAML
 * document is edited in place, so keys and comments a person added are kept;
 * the body is kept byte for byte.
 */
export function withState(text: string, state: IncidentState): string {
  const match = FRONT_MATTER.exec(text);
  if (!match) return `${frontMatter(state)}${text}`;
  const doc = yaml().parseDocument(match[1] ?? '');
  if (doc.errors.length || !yaml().isMap(doc.contents)) return `${frontMatter(state)}${text.slice(match[0].length)}`;
  for (const [key, value] of Object.entries(stateFields(state))) {
    // Only changed fields are set, so unchanged ones keep their formatting and comments.
    const current: unknown = doc.get(key, true);
    const currentValue = yaml().isNode(current) ? current.toJSON() : current;
    if (JSON.stringify(currentValue ?? null) !== JSON.stringify(value)) doc.set(key, value);
  }
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${text.slice(match[0].length)}`;
}

/** Length, in characters, of the front matter block at the start of `text` (0 if none). */
export function frontMatterLength(text: string): number {
  return FRONT_MATTER.exec(text)?.[0].length ?? 0;
}

/** The range of lines (0-based, end exclusive) of the front matter block, if any. */
export function frontMatterLineCount(text: string): number {
  const match = FRONT_MATTER.exec(text);
  return match ? match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) : 0;
}

/**
 * Where to add lines at the end of a section (found by its heading text), after
 * its last non-blank line and before the next heading of the same or a higher level.
 * Returns the new text and the 0-based line the first new line lands on.
 */
export function insertUnderSection(text: string, heading: RegExp, newLines: readonly string[]): { text: string; line: number } | undefined {
  const position = sectionInsertLine(text, heading);
  if (position === undefined) return undefined;
  const lines = text.split('\n');
  lines.splice(position, 0, ...newLines);
  return { text: lines.join('\n'), line: position };
}

export function sectionInsertLine(text: string, heading: RegExp): number | undefined {
  return findSection(text, heading)?.end;
}

/** The lines of a section's body (between its heading and its last non-blank line) and where they start. */
export function sectionLines(text: string, heading: RegExp): { start: number; lines: string[] } | undefined {
  const section = findSection(text, heading);
  return section && { start: section.heading + 1, lines: text.split('\n').slice(section.heading + 1, section.end) };
}

/** The heading's line and the line after the section's last non-blank line; front matter and code fences are skipped. */
function findSection(text: string, heading: RegExp): { heading: number; end: number } | undefined {
  const lines = text.split('\n');
  const skip = frontMatterLineCount(text);
  let start = -1;
  let level = 0;
  let inFence = false;
  for (let i = skip; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    if (start >= 0 && (h[1] ?? '').length <= level) return { heading: start, end: lastContentLine(lines, start, i) + 1 };
    if (start < 0 && heading.test(h[2] ?? '')) {
      start = i;
      level = (h[1] ?? '').length;
    }
  }
  return start >= 0 ? { heading: start, end: lastContentLine(lines, start, lines.length) + 1 } : undefined;
}

function lastContentLine(lines: readonly string[], start: number, end: number): number {
  let last = start;
  for (let i = start + 1; i < end; i++) if ((lines[i] ?? '').trim() !== '') last = i;
  return last;
}

/**
 * Rebuilds a usable front matter for a document whose own is broken, keeping
 * every line the user wrote: the broken block moves into the body, in a
 * fenced block under "Recovered front matter", for a person to merge back.
 */
export function repairIncidentDocument(text: string, fileName: string, now: Date): { text: string; state: IncidentState } {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  let broken: string[] = [];
  let body = lines;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    const end = close > 0 ? close : lines.length;
    broken = lines.slice(1, end);
    body = lines.slice(end + 1);
  }
  const [y, mo, d, h, mi] = (/^(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})/.exec(fileName) ?? []).slice(1).map(Number);
  const startedAt = y !== undefined && mo !== undefined ? new Date(Date.UTC(y, mo - 1, d, h, mi)).toISOString() : now.toISOString();
  const heading = body.map((l) => /^#\s+(?:Incident:\s*)?(.+?)\s*$/.exec(l)?.[1]).find(Boolean);
  const id = fileName.replace(/\.md$/, '');
  const state: IncidentState = { id, title: heading ?? id, status: 'active', startedAt, detectedAt: startedAt, severity: 3, impact: '', errorTypes: [], systems: [], roles: {}, progress: [] };
  const recovered = broken.length ? ['', '## Recovered front matter', 'The front matter could not be read; it was kept here, unchanged. Copy what you need back into the block above.', '', '```yaml', ...broken, '```', ''] : [];
  return { text: `${frontMatter(state)}${[...recovered, ...body].join('\n')}`, state };
}
