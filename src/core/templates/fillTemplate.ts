import { formatElapsed, type IncidentState, minutesBetween } from '../incident/incident';
import { recordTime, templateValues } from '../incident/incidentDocument';
import { frontMatterLineCount } from '../incident/frontMatter';
import { markdownOutline } from '../incident/markdownHeadings';
import { RECORD_SECTION_KEYS, RECORD_SECTIONS, type RecordSectionKey } from '../incident/recordSections';
import { formatDate } from '../time/formatTime';
import { type FieldKey, fieldForLabel, labelText } from './fieldAliases';
import { cellsOf, delimiterColumns, splitRow, withSecondCell } from './fieldTables';
import { parseLabelledLine } from './labelledFields';
import { isPlaceholderValue, splitTrailingComment } from './placeholderValue';
import { appendSections, fillEmptySections, missingSections, type SectionContent } from './sectionMapping';
import { type TemplateKind } from './templateSource';

export type { FieldKey } from './fieldAliases';

/** What the incident knows, as text a person reads (times through recordTime); '' = unknown (left as the template has it). */
export type TemplateFields = Partial<Record<FieldKey, string>>;

/** The fields of an incident; `resolvedAt` and `duration` once it is resolved. */
export function incidentFields(state: IncidentState, timeZone?: string): TemplateFields {
  const values = templateValues(state, timeZone);
  const fields: TemplateFields = {
    title: values.title,
    date: formatDate(new Date(state.startedAt), timeZone),
    startedAt: values.startedAt,
    detectedAt: values.detectedAt,
    startedClock: values.startedClock,
    impact: values.impact,
    affected: values.affected,
    severity: values.severity,
    systems: values.systems,
    errorTypes: values.errorTypes,
    coordinator: values.coordinator,
    technicalLead: values.technicalLead,
    runbook: values.runbook,
    status: values.status,
    record: values.id,
  };
  if (!state.resolvedAt) return fields;
  return { ...fields, resolvedAt: recordTime(state.resolvedAt, timeZone), duration: formatElapsed(minutesBetween(state.startedAt, new Date(state.resolvedAt))) };
}

export interface FillOptions {
  /** A record or a post-mortem, or a follow-up issue's Markdown template: fields and placeholders only, nothing appended, and an unknown placeholder stays as written. */
  readonly kind: TemplateKind | 'issue';
  /** The template's name, for messages. */
  readonly name: string;
  /** Post-mortem: content for the template's Summary/Timeline/Recent Changes/Post-incident sections where they are empty. */
  readonly sections?: Partial<Record<RecordSectionKey, readonly string[]>>;
}

export type FillResult = FilledTemplate | { ok: false; message: string };

/** A filled template; `unfilled` also lists an issue template's unknown `{{placeholders}}`, as written. */
export type FilledTemplate = { ok: true; text: string; filled: string[]; unfilled: string[] };

/** `{{name}}` on one line: a placeholder never spans lines. */
const PLACEHOLDER = /\{\{([^{}\n]*)\}\}/g;

/** The `{{placeholders}}` of each kind of template (as before team templates), and the field each reads. */
const PLACEHOLDER_FIELDS: Readonly<Record<string, FieldKey>> = {
  id: 'record',
  title: 'title',
  status: 'status',
  severity: 'severity',
  impact: 'impact',
  affected: 'affected',
  errorTypes: 'errorTypes',
  systems: 'systems',
  coordinator: 'coordinator',
  technicalLead: 'technicalLead',
  startedAt: 'startedAt',
  detectedAt: 'detectedAt',
  startedClock: 'startedClock',
  runbook: 'runbook',
};
const POSTMORTEM_FIELDS: Readonly<Record<string, FieldKey>> = { resolvedAt: 'resolvedAt', duration: 'duration' };
const POSTMORTEM_SECTIONS: Readonly<Record<string, RecordSectionKey>> = { summary: 'summary', timeline: 'timeline', postIncident: 'postIncident' };

/**
 * Fills a team's template from what the incident knows and keeps every other byte: labelled
 * fields and field | value table rows whose value is empty or a placeholder get the field's
 * value, `{{placeholders}}` are replaced, and the record's sections go where the template has
 * them (a traceability record gets the ones it lacks appended; a post-mortem's empty sections
 * get `options.sections`). Front matter, fenced code and HTML comments are not filled.
 * The template's own front matter stays; the incident's is the caller's to add.
 * An issue template is only filled: nothing is appended, and it never fails.
 */
export function fillTemplate(template: string, fields: TemplateFields, options: FillOptions & { readonly kind: 'issue' }): FilledTemplate;
export function fillTemplate(template: string, fields: TemplateFields, options: FillOptions): FillResult;
export function fillTemplate(template: string, fields: TemplateFields, options: FillOptions): FillResult {
  const source = template.startsWith('\uFEFF') ? template.slice(1) : template;
  const eol = /\r\n/.test(source.slice(0, source.indexOf('\n') + 1)) ? '\r\n' : '\n';
  const values = placeholderValues(fields, options, eol);
  const unknown = [...new Set([...source.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? '').trim()).filter((name) => !Object.hasOwn(values, name)))];
  if (unknown.length && options.kind !== 'issue') {
    return { ok: false, message: `Template ${options.name} has ${unknown.length > 1 ? 'unknown placeholders' : 'an unknown placeholder'} ${unknown.map((u) => `{{${u}}}`).join(', ')}. Valid names: ${Object.keys(values).join(', ')}.` };
  }
  const lines = source.split('\n');
  const from = frontMatterLineCount(source);
  const { hidden } = markdownOutline(lines, from);
  const filled = new Set<string>();
  const unfilled = new Set<string>(unknown.map((name) => `{{${name}}}`));
  const fill = (label: string, key: FieldKey | undefined, isField: boolean): string | undefined => {
    const value = key ? oneLine(fields[key] ?? '') : '';
    if (value) filled.add(label);
    else if (isField) unfilled.add(label);
    return value || undefined;
  };
  const out: string[] = [];
  // Inside the rows of a two-column table.
  let fieldTable = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const cr = raw.endsWith('\r') ? '\r' : '';
    const line = cr ? raw.slice(0, -1) : raw;
    if (line.includes('{{')) {
      out.push(raw.replace(PLACEHOLDER, (written, name: string) => values[name.trim()] ?? written));
      continue;
    }
    if (i < from || hidden.has(i)) {
      fieldTable = false;
      out.push(raw);
      continue;
    }
    const row = line.includes('|') ? splitRow(line) : undefined;
    if (row && fieldTable) {
      out.push(`${fillRow(row, fill) ?? line}${cr}`);
      continue;
    }
    fieldTable = false;
    const columns = row && delimiterColumns((lines[i + 1] ?? '').replace(/\r$/, ''));
    if (row && columns !== undefined) {
      fieldTable = columns === 2 && cellsOf(row).length === 2;
      out.push(raw, lines[++i] ?? '');
      continue;
    }
    out.push(`${fillLabelled(line, fill) ?? line}${cr}`);
  }
  let text = out.join('\n');
  if (options.kind === 'traceability') {
    text = appendSections(text, missingSections(text.split('\n'), from), eol);
  } else if (options.kind === 'postmortem') {
    const sections = fillEmptySections(text.split('\n'), from, postmortemSections(source, fields, options));
    for (const title of sections.filled) filled.add(title);
    text = sections.lines.join('\n');
  }
  return { ok: true, text, filled: [...filled], unfilled: [...unfilled].filter((label) => !filled.has(label)) };
}

type Fill = (label: string, key: FieldKey | undefined, isField: boolean) => string | undefined;

/** A `Label: value` line with its value filled, or undefined to keep it. Only the text after the label changes. */
function fillLabelled(line: string, fill: Fill): string | undefined {
  const parsed = parseLabelledLine(line);
  if (!parsed) return undefined;
  const { value, comment } = splitTrailingComment(parsed.value);
  if (!isPlaceholderValue(value)) return undefined;
  const key = fieldForLabel(parsed.rawLabel);
  // A plain "Steps:" line introduces what follows; it is a field only when it names one or holds a placeholder.
  const filledValue = fill(labelText(parsed.rawLabel), key, key !== undefined || parsed.marked || value.trim() !== '');
  return filledValue === undefined ? undefined : `${parsed.head} ${filledValue}${comment ? ` ${comment}` : ''}`;
}

/** A field | value row with its value filled, or undefined to keep it. */
function fillRow(row: ReturnType<typeof splitRow> & object, fill: Fill): string | undefined {
  const [labelCell, valueCell] = cellsOf(row);
  const label = labelText(labelCell ?? '');
  if (label === '' || !isPlaceholderValue(valueCell ?? '')) return undefined;
  const value = fill(label, fieldForLabel(label), true);
  return value === undefined ? undefined : withSecondCell(row, value);
}

function placeholderValues(fields: TemplateFields, options: FillOptions, eol: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, key] of Object.entries(PLACEHOLDER_FIELDS)) values[name] = fields[key] ?? '';
  if (options.kind === 'traceability') return values;
  // A follow-up issue is often written once the incident is resolved, when its end time and duration are known.
  for (const [name, key] of Object.entries(POSTMORTEM_FIELDS)) values[name] = fields[key] ?? '';
  if (options.kind === 'issue') return values;
  for (const [name, key] of Object.entries(POSTMORTEM_SECTIONS)) values[name] = (options.sections?.[key] ?? []).join(eol).trim();
  return values;
}

/** What goes under a post-mortem's empty sections: the record's sections (unless the template places them with a placeholder) and the impact. */
function postmortemSections(template: string, fields: TemplateFields, options: FillOptions): SectionContent[] {
  const placed = new Set([...template.matchAll(PLACEHOLDER)].map((m) => POSTMORTEM_SECTIONS[(m[1] ?? '').trim()]));
  const contents: SectionContent[] = RECORD_SECTION_KEYS.filter((key) => !placed.has(key) && options.sections?.[key]).map((key) => ({
    matches: (title) => RECORD_SECTIONS[key].heading.test(title),
    lines: options.sections?.[key] ?? [],
  }));
  const impact = oneLine(fields.impact ?? '');
  if (impact) {
    const affected = oneLine(fields.affected ?? '');
    contents.push({ matches: (title) => fieldForLabel(title.replace(/^[^\p{L}]+/u, '')) === 'impact', lines: [affected ? `${impact} (${affected})` : impact] });
  }
  return contents;
}

/** A value on one line: a field's value never breaks the template's line. */
function oneLine(value: string): string {
  return value.split('\n').map((part) => part.trim()).filter(Boolean).join(' ');
}
