import { type IncidentState } from './incident';
import { formatClock, formatTime } from '../time/formatTime';
import { frontMatter, frontMatterLineCount } from './frontMatter';
import { headingsOf } from './markdownHeadings';
import { fillTemplate, incidentFields } from '../templates/fillTemplate';
import { withIncidentFrontMatter } from '../templates/recordFrontMatter';
import { RECORD_SECTIONS } from './recordSections';

/** The `{{placeholders}}` a template may use, with what they become. */
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
    startedAt: recordTime(state.startedAt, timeZone),
    detectedAt: recordTime(state.detectedAt, timeZone),
    startedClock: formatClock(new Date(state.startedAt), timeZone),
    runbook: state.runbook ?? '',
  };
}

/** "2026-03-01 14:05 CET": a record is read on later days too, so the times it states carry the date. */
export function recordTime(iso: string, timeZone?: string): string {
  return formatTime(new Date(iso), { alwaysDate: true, ...(timeZone ? { timeZone } : {}) });
}

/** "- 14:05 CET — text" on the incident's start day, "- 2026-03-02 09:10 CET — text" on a later one: a timeline spans days. */
export function timelineEntry(at: Date, text: string, startedAt: string, timeZone?: string): string {
  return `- ${formatTime(at, { dateUnless: new Date(startedAt), ...(timeZone ? { timeZone } : {}) })} — ${text}`;
}

/** The first timeline entry of a record started from the form or a command. */
export function declaration(state: IncidentState, timeZone?: string): string {
  return `Incident declared; it started at ${recordTime(state.startedAt, timeZone)}${state.roles.coordinator ? `, coordinated by ${state.roles.coordinator}` : ''}.`;
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

export type RenderedDocument = { readonly ok: true; readonly text: string; readonly filled: readonly string[]; readonly unfilled: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * A new record: the team's template (or the built-in one) filled from the state, under the
 * state's front matter, with the first timeline entries: the detection, then `more` (what the
 * start recorded). `name` names the template in messages.
 */
export function renderIncidentDocument(state: IncidentState, template: string, detection: string, options: { readonly timeZone?: string; readonly more?: readonly string[]; readonly name?: string } = {}): RenderedDocument {
  const { timeZone, more = [], name = 'built-in template' } = options;
  const body = fillTemplate(template, incidentFields(state, timeZone), { kind: 'traceability', name });
  if (!body.ok) return body;
  const document = withIncidentFrontMatter(body.text.endsWith('\n') ? body.text : `${body.text}\n`, state);
  if (!document.ok) return { ok: false, message: `Template ${name}: ${document.message}` };
  const entries = [detection, ...more].map((text) => timelineEntry(new Date(state.detectedAt), text, state.startedAt, timeZone));
  // fillTemplate appends a Timeline section when the template has none.
  const withEntries = insertUnderSection(document.text, RECORD_SECTIONS.timeline.heading, entries);
  return { ok: true, text: withEntries?.text ?? document.text, filled: body.filled, unfilled: body.unfilled };
}

/**
 * Where to add lines at the end of a section (found by its heading text), after
 * its last non-blank line and before the next heading of the same or a higher level.
 * Returns the new text and the 0-based line the first new line lands on.
 */
export function insertUnderSection(text: string, heading: RegExp, newLines: readonly string[]): { text: string; line: number } | undefined {
  const position = findSection(text, heading)?.end;
  if (position === undefined) return undefined;
  const lines = text.split('\n');
  const cr = (lines[0] ?? '').endsWith('\r') ? '\r' : '';
  lines.splice(position, 0, ...newLines.map((line) => line + cr));
  return { text: lines.join('\n'), line: position };
}

/** The lines of a section's body (between its heading and its last non-blank line) and where they start. */
export function sectionLines(text: string, heading: RegExp): { start: number; lines: string[] } | undefined {
  const section = findSection(text, heading);
  return section && { start: section.heading + 1, lines: text.split('\n').slice(section.heading + 1, section.end) };
}

/** The heading's line and the line after the section's last non-blank line; front matter, code fences and HTML comments are skipped. */
export function findSection(text: string, heading: RegExp): { heading: number; end: number } | undefined {
  const lines = text.split('\n');
  const headings = headingsOf(lines, frontMatterLineCount(text));
  const index = headings.findIndex((h) => heading.test(h.title));
  const found = headings[index];
  if (!found) return undefined;
  const next = headings.slice(index + 1).find((h) => h.level <= found.level);
  return { heading: found.line, end: lastContentLine(lines, found.line, next?.line ?? lines.length) + 1 };
}

/** A template's placeholder line: wholly in italics, such as "_Leave blank until the incident is resolved._" (trimmed). */
export function isPlaceholderLine(line: string): boolean {
  return line.length > 2 && ((line.startsWith('_') && line.endsWith('_')) || (line.startsWith('*') && line.endsWith('*') && !line.startsWith('**')));
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
  const state: IncidentState = { id, title: heading ?? id, status: 'investigating', startedAt, detectedAt: startedAt, severity: 3, impact: '', errorTypes: [], systems: [], roles: {}, progress: [] };
  const recovered = broken.length ? ['', '## Recovered front matter', 'The front matter could not be read; it was kept here, unchanged. Copy what you need back into the block above.', '', '```yaml', ...broken, '```', ''] : [];
  return { text: `${frontMatter(state)}${[...recovered, ...body].join('\n')}`, state };
}
