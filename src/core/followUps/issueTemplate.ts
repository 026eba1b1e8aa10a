import { MAX_FRONT_MATTER_CHARS, PARSE_OPTIONS } from '../incident/frontMatter';
import { headingsOf, type Heading } from '../incident/markdownHeadings';
import { MAX_TEMPLATE_BYTES } from '../templates/checkTemplate';
import { type FieldKey, fieldForLabel } from '../templates/fieldAliases';
import { fillTemplate, type TemplateFields } from '../templates/fillTemplate';
import { fillEmptySections } from '../templates/sectionMapping';
import { yaml } from '../yamlModule';

/** A field of an issue form a person answers (the form's Markdown blocks are not fields). */
export interface IssueFormField {
  id?: string;
  type: 'input' | 'textarea' | 'dropdown' | 'checkboxes';
  label: string;
  /** `validations.required`; for checkboxes, also any option that is required. */
  required: boolean;
  /** A dropdown's choices, or the labels of the checkboxes. */
  options?: string[];
  /** The answer the form starts with: `attributes.value`, or a dropdown's `default` option. */
  value?: string;
  description?: string;
}

/** A repository's issue template: a Markdown template (`.md` with front matter) or an issue form (`.yml`/`.yaml`). */
export interface IssueTemplate {
  kind: 'markdown' | 'form';
  /** The front matter's (or form's) `name`, else the file name. */
  name: string;
  /** A Markdown template's `about`, a form's `description`. */
  about?: string;
  /** The title the issue starts with; '' if none. */
  title: string;
  labels: string[];
  assignees: string[];
  /** Markdown: the text after the front matter, byte for byte; form: the body a person edits (see `fillIssueTemplate`). */
  body: string;
  /** A form's fields, in order; [] for Markdown. */
  fields: IssueFormField[];
}

export type ParsedIssueTemplate = { ok: true; template: IssueTemplate } | { ok: false; message: string };

/** A follow-up issue ready to be reviewed and created; `filled`/`unfilled` are the labels the incident did or did not answer. */
export interface FilledIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  filled: string[];
  unfilled: string[];
}

const FIELD_TYPES: ReadonlySet<string> = new Set(['input', 'textarea', 'dropdown', 'checkboxes']);

/** An issue form is a page of fields: read up to the size of a record's front matter, so a hostile one costs little to refuse. */
const MAX_FORM_CHARS = MAX_FRONT_MATTER_CHARS;

/** Aliases in yaml's sense: enough for a person's anchors, far too few for a "billion laughs". */
const MAX_ALIASES = 50;

/** The headings of the section a given body goes under ("What needs to be done", "Description", "Details", "Summary"). */
const BODY_SECTION = /\b(?:what (?:needs|has) to be done|what should be done|to do|description|details|summary)\b/i;

/** What GitHub writes for a form's field left empty. */
const NO_RESPONSE = '_No response_';

/**
 * Reads an issue template: `.md` is a Markdown template whose front matter may set `name`,
 * `about`, `title`, `labels` and `assignees` (lists, or comma-separated strings), `.yml`/`.yaml`
 * is an issue form (GitHub's issue forms syntax). The message names the file and the problem.
 */
export function parseIssueTemplate(text: string, fileName: string): ParsedIssueTemplate {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const kind = extension === 'md' ? 'markdown' : extension === 'yml' || extension === 'yaml' ? 'form' : undefined;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const result = !kind
    ? 'it is not an issue template: its name must end in .md (Markdown) or .yml/.yaml (an issue form)'
    : source.length > MAX_TEMPLATE_BYTES
      ? `it is larger than ${MAX_TEMPLATE_BYTES / (1024 * 1024)} MB, the most a template may be`
      : kind === 'markdown'
        ? markdownTemplate(source, fileName)
        : formTemplate(source, fileName);
  return typeof result === 'string' ? { ok: false, message: `Issue template ${fileName}: ${result}` } : { ok: true, template: result };
}

function markdownTemplate(text: string, fileName: string): IssueTemplate | string {
  const split = splitFrontMatter(text);
  if (typeof split === 'string') return split;
  if (split.frontMatter.length > MAX_FRONT_MATTER_CHARS) return `its front matter is ${Math.ceil(split.frontMatter.length / 1024)} KB; it is read up to ${MAX_FRONT_MATTER_CHARS / 1024} KB`;
  const data = split.frontMatter.trim() === '' ? {} : yamlMapping(split.frontMatter, 'its front matter');
  if (typeof data === 'string') return data;
  return { kind: 'markdown', ...topLevelKeys(data, data.about, fileName), body: split.body, fields: [] };
}

function formTemplate(text: string, fileName: string): IssueTemplate | string {
  if (text.length > MAX_FORM_CHARS) return `it is ${Math.ceil(text.length / 1024)} KB; an issue form is read up to ${MAX_FORM_CHARS / 1024} KB`;
  const data = yamlMapping(text, 'it');
  if (typeof data === 'string') return data;
  if (data.body === undefined || data.body === null) return 'it has no body (the list of the form\'s fields)';
  if (!Array.isArray(data.body)) return 'its body is not a list of fields (- type: … lines)';
  const fields = formFields(data.body);
  if (typeof fields === 'string') return fields;
  return { kind: 'form', ...topLevelKeys(data, data.description, fileName), body: formBody(fields, startingAnswer), fields };
}

/** What both kinds set at the top: the name (else the file's), the description, the title, labels and assignees. */
function topLevelKeys(data: Record<string, unknown>, about: unknown, fileName: string): Omit<IssueTemplate, 'kind' | 'body' | 'fields'> {
  const description = scalarText(about).trim();
  return {
    name: scalarText(data.name).trim() || (fileName.split(/[\\/]/).pop() ?? fileName),
    ...(description ? { about: description } : {}),
    title: scalarText(data.title),
    labels: names(data.labels),
    assignees: names(data.assignees),
  };
}

/**
 * The front matter's YAML and the body after it, byte for byte. A first line of `---` opens front
 * matter and the next `---` line closes it (one pass over the lines); no `---` first line, no front matter.
 */
function splitFrontMatter(text: string): { frontMatter: string; body: string } | string {
  let end = lineEnd(text, 0);
  if (text.slice(0, end).trimEnd() !== '---') return { frontMatter: '', body: text };
  const start = end + 1;
  for (let line = start; line < text.length; line = end + 1) {
    end = lineEnd(text, line);
    if (text.slice(line, end).trimEnd() === '---') return { frontMatter: text.slice(start, line), body: text.slice(end + 1) };
  }
  return 'its front matter (the --- block at the top) is never closed by a --- line';
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}

/** The YAML source as a mapping of plain values, or why it is not one; `subject` starts the message ("its front matter"). */
function yamlMapping(source: string, subject: string): Record<string, unknown> | string {
  const doc = yaml().parseDocument(source, PARSE_OPTIONS);
  if (doc.errors.length) return `${subject} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`;
  if (!yaml().isMap(doc.contents)) return `${subject} is not a mapping of fields (key: value lines)`;
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
  } catch (error) {
    return `${subject} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The form's fields in order, skipping its Markdown blocks, or the first problem: a field that is not a mapping, of an unknown type, without a label, or with an id used before. */
function formFields(body: readonly unknown[]): IssueFormField[] | string {
  const fields: IssueFormField[] = [];
  const ids = new Set<string>();
  for (const [index, element] of body.entries()) {
    const where = `field ${index + 1} of its body`;
    if (!isRecord(element)) return `${where} is not a mapping (type:, attributes:)`;
    if (element.type === 'markdown') continue;
    const type = scalarText(element.type);
    if (!FIELD_TYPES.has(type)) return `${where} has type "${type}"; it must be markdown, input, textarea, dropdown or checkboxes`;
    const field = formField(type as IssueFormField['type'], element);
    if (!field.label) return `${where} (${type}) has no label`;
    if (field.id !== undefined && ids.has(field.id)) return `${where} (${field.label}) has the id "${field.id}" of an earlier field; ids must be unique`;
    if (field.id !== undefined) ids.add(field.id);
    fields.push(field);
  }
  return fields;
}

function formField(type: IssueFormField['type'], element: Record<string, unknown>): IssueFormField {
  const attributes = isRecord(element.attributes) ? element.attributes : {};
  const validations = isRecord(element.validations) ? element.validations : {};
  const id = scalarText(element.id).trim();
  const choices = Array.isArray(attributes.options) ? attributes.options : [];
  const options = choices.map((option) => scalarText(isRecord(option) ? option.label : option).trim()).filter(Boolean);
  const requiredOption = type === 'checkboxes' && choices.some((option) => isRecord(option) && option.required === true);
  const value = type === 'dropdown' ? dropdownDefault(options, attributes.default) : type === 'input' || type === 'textarea' ? scalarText(attributes.value).trimEnd() : '';
  const description = scalarText(attributes.description).trim();
  return {
    ...(id ? { id } : {}),
    type,
    label: scalarText(attributes.label).trim(),
    required: validations.required === true || requiredOption,
    ...(type === 'dropdown' || type === 'checkboxes' ? { options } : {}),
    ...(value ? { value } : {}),
    ...(description ? { description } : {}),
  };
}

/** A dropdown's `default`: the index of the option chosen to start with. */
function dropdownDefault(options: readonly string[], index: unknown): string {
  return typeof index === 'number' && Number.isInteger(index) ? (options[index] ?? '') : '';
}

/** GitHub's rendering of a submitted form: `### <label>`, a blank line, the answer, a blank line, for each field in order. */
function formBody(fields: readonly IssueFormField[], answer: (field: IssueFormField, index: number) => string): string {
  return fields.map((field, index) => `### ${field.label}\n\n${answer(field, index)}\n\n`).join('');
}

/** The answer before anyone writes one: the checkboxes, unticked, or the field's starting value. */
function startingAnswer(field: IssueFormField): string {
  if (field.type === 'checkboxes') return (field.options ?? []).map((option) => `- [ ] ${option}`).join('\n');
  return field.value ?? '';
}

/**
 * Fills an issue template from the incident. A Markdown template is filled as the record is
 * (labelled fields, field | value tables, `{{placeholders}}`; an unknown placeholder stays and is
 * listed in `unfilled`). A form's fields are answered from the incident when their label or id
 * names a field (a dropdown gets the option that matches, a severity the option with its number),
 * else keep their starting value. `given.title` follows the template's title prefix; `given.body`
 * goes under the first empty "Description"-like section (a form: the first empty required
 * input or textarea, else the first textarea), else at the top.
 */
export function fillIssueTemplate(template: IssueTemplate, fields: TemplateFields, given: { title?: string; body?: string }): FilledIssue {
  const givenTitle = oneLine(given.title ?? '');
  const givenBody = (given.body ?? '').trim();
  const filled = template.kind === 'markdown' ? fillMarkdown(template, fields, givenBody) : fillForm(template, fields, givenTitle, givenBody);
  return {
    title: issueTitle(template.title, givenTitle || oneLine(fields.title ?? '')),
    labels: [...template.labels],
    assignees: [...template.assignees],
    ...filled,
  };
}

type FilledBody = Pick<FilledIssue, 'body' | 'filled' | 'unfilled'>;

function fillMarkdown(template: IssueTemplate, fields: TemplateFields, givenBody: string): FilledBody {
  const result = fillTemplate(template.body, fields, { kind: 'issue', name: template.name });
  if (!givenBody) return { body: result.text, filled: result.filled, unfilled: result.unfilled };
  const placed = underBodySection(result.text, givenBody);
  return { body: placed.text, filled: placed.heading === undefined ? result.filled : [...result.filled, placed.heading], unfilled: result.unfilled };
}

/**
 * `content` under the first "Description"-like heading whose section is empty (or only the
 * template's instructions), else at the top. Each candidate's section alone is looked at, so the
 * work stays linear however many headings there are.
 */
function underBodySection(text: string, content: string): { text: string; heading?: string } {
  const lines = text.split('\n');
  const headings = headingsOf(lines);
  const ends = sectionEnds(headings, lines.length);
  const contentLines = content.split(/\r?\n/);
  for (const [index, heading] of headings.entries()) {
    if (!BODY_SECTION.test(heading.title)) continue;
    const end = ends[index] ?? lines.length;
    const section = fillEmptySections(lines.slice(heading.line, end), 0, [{ matches: () => true, lines: contentLines }]);
    if (section.filled.length) return { text: [...lines.slice(0, heading.line), ...section.lines, ...lines.slice(end)].join('\n'), heading: heading.title };
  }
  const eol = lines[0]?.endsWith('\r') ? '\r\n' : '\n';
  const top = contentLines.join(eol) + eol;
  return { text: text === '' || text.startsWith(eol) ? `${top}${text}` : `${top}${eol}${text}` };
}

/** For each heading, the line its section ends at: the next heading of the same or a higher level, else the end. */
function sectionEnds(headings: readonly Heading[], lineCount: number): number[] {
  // The line of the next heading of each level (1 to 6), from the bottom up.
  const next = new Array<number>(7).fill(lineCount);
  const ends = new Array<number>(headings.length);
  for (let index = headings.length - 1; index >= 0; index--) {
    const heading = headings[index] as Heading;
    ends[index] = Math.min(...next.slice(1, heading.level + 1));
    next[heading.level] = heading.line;
  }
  return ends;
}

function fillForm(template: IssueTemplate, fields: TemplateFields, givenTitle: string, givenBody: string): FilledBody {
  const answers = template.fields.map((field) => incidentAnswer(field, fields, givenTitle));
  const answered = answers.map(Boolean);
  const values = template.fields.map((field, index) => answers[index] || startingAnswer(field));
  const target = givenBody ? bodyField(template.fields, values) : -1;
  if (target >= 0) {
    values[target] = values[target] ? `${values[target]}\n\n${givenBody}` : givenBody;
    answered[target] = true;
  }
  const body = formBody(template.fields, (_, index) => values[index] ?? '');
  return {
    body: givenBody && target < 0 ? `${givenBody}\n\n${body}` : body,
    filled: template.fields.filter((_, index) => answered[index]).map((field) => field.label),
    unfilled: template.fields.filter((_, index) => !answered[index]).map((field) => field.label),
  };
}

/**
 * What the incident answers for a form's field, or '': the field its label (else its id, `-`/`_`
 * read as spaces) names. "Title"/"Summary" is the issue's given title; "Incident"/"Incident name"
 * is the incident's title. A dropdown takes the option that matches; checkboxes are a person's to tick.
 */
function incidentAnswer(field: IssueFormField, fields: TemplateFields, givenTitle: string): string {
  if (field.type === 'checkboxes') return '';
  const idWords = (field.id ?? '').replace(/[-_]+/g, ' ');
  const byLabel = fieldForLabel(field.label);
  const key = byLabel ?? (idWords ? fieldForLabel(idWords) : undefined);
  if (!key) return '';
  const mentionsIncident = /\bincident\b/i.test(byLabel ? field.label : idWords);
  const value = key === 'title' && !mentionsIncident && givenTitle ? givenTitle : (fields[key] ?? '').trim();
  if (field.type !== 'dropdown' || !value) return value;
  return chooseOption(field.options ?? [], value, key) ?? '';
}

/** The dropdown's option for a value: a severity's option holds its number ("Sev 2"), any other is the value itself, ignoring case. */
function chooseOption(options: readonly string[], value: string, key: FieldKey): string | undefined {
  if (key === 'severity') {
    const number = /\d+/.exec(value)?.[0];
    return number === undefined ? undefined : options.find((option) => (option.match(/\d+/g) ?? []).some((digits) => Number(digits) === Number(number)));
  }
  const wanted = value.toLowerCase();
  return options.find((option) => option.toLowerCase() === wanted);
}

/** Where a given body goes in a form: the first required input or textarea still empty, else the first textarea; -1 if none. */
function bodyField(fields: readonly IssueFormField[], values: readonly string[]): number {
  const empty = fields.findIndex((field, index) => field.required && (field.type === 'input' || field.type === 'textarea') && !values[index]?.trim());
  return empty >= 0 ? empty : fields.findIndex((field) => field.type === 'textarea');
}

/** The template's title with `wanted` after it, one space between; a title that already holds `wanted` is kept as is. */
function issueTitle(templateTitle: string, wanted: string): string {
  const prefix = oneLine(templateTitle);
  if (!wanted) return prefix;
  if (!prefix) return wanted;
  return prefix.toLowerCase().includes(wanted.toLowerCase()) ? prefix : `${prefix} ${wanted}`;
}

/**
 * The labels of a form's required fields a person has not answered in `body`: their `### <label>`
 * section is missing, empty or `_No response_` (required checkboxes: none ticked). [] for a Markdown template.
 */
export function missingRequiredFields(template: IssueTemplate, body: string): string[] {
  if (template.kind === 'markdown') return [];
  const answers = formAnswers(body);
  return template.fields.filter((field) => field.required && !isAnswered(field, answers.get(labelKey(field.label)))).map((field) => field.label);
}

/** Each `### <label>` section's text, by label (the first of a label wins); a heading of level 1 to 3 ends a section. One pass. */
function formAnswers(body: string): Map<string, string> {
  const lines = body.split('\n');
  const headings = headingsOf(lines).filter((heading) => heading.level <= 3);
  const answers = new Map<string, string>();
  for (const [index, heading] of headings.entries()) {
    const key = labelKey(heading.title);
    if (heading.level !== 3 || answers.has(key)) continue;
    answers.set(key, lines.slice(heading.line + 1, headings[index + 1]?.line ?? lines.length).join('\n').trim());
  }
  return answers;
}

function isAnswered(field: IssueFormField, answer: string | undefined): boolean {
  if (answer === undefined || answer === '' || answer === NO_RESPONSE) return false;
  if (field.type !== 'checkboxes') return true;
  return answer.split('\n').some((line) => /^\s*[-*+] \[[xX]\]/.test(line));
}

/** A label as compared with a heading: without case and repeated spaces. */
function labelKey(label: string): string {
  return oneLine(label).toLowerCase();
}

/** Text on one line, with single spaces. */
function oneLine(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ');
}

/** A list of names: a YAML list, or a comma-separated string ("bug, triage"). */
function names(value: unknown): string[] {
  const list: unknown[] = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return list.map((name) => scalarText(name).trim()).filter(Boolean);
}

/** A scalar as text (`2` → "2"); '' for anything else. */
function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
