// The Start Incident form. Runs in the webview; talks to the extension only through messages.ts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox-group/index.js';
import '@vscode-elements/elements/dist/vscode-form-group/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { FIELD_IDS, type FieldMessage, type FormSuggestions, type FormValues, type FromWebview, type RoleDefaults, type TemplateDefault, type TemplatePreview, type ToWebview } from './messages';
import { previewLine } from './previewLine';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): Partial<FormValues> | undefined;
  setState(state: Partial<FormValues>): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type ValueElement = HTMLElement & { value: string };
type CheckboxElement = HTMLElement & { checked: boolean; value: string };

const vscode = acquireVsCodeApi();
const form = document.getElementById('incident-form') as HTMLFormElement;
const field = (id: string) => document.getElementById(id) as ValueElement;
const textFields = ['title', 'impact', 'affected', 'systems', 'startedAt', 'coordinator', 'technicalLead', 'template'] as const;
/** State is saved only once the form holds its defaults, so typing early cannot save empty choices over them. */
let initialised = false;
/** Fields the person has edited (all of them once they submit): only these show errors, so an untouched form shows none. */
const edited = new Set<string>();
const ROLE_FIELDS = ['coordinator', 'technicalLead'] as const;
/** Each runbook's contacts for the two roles, by the runbook's value in the select. */
let rolesByRunbook = new Map<string, RoleDefaults>();
/** The chosen runbook's: what the role fields were prefilled with. */
let roleDefaults: RoleDefaults = {};
/** Each runbook's template (the setting's, its link, or the built-in one), and the one without a runbook. */
let templatesByRunbook = new Map<string, TemplateDefault>();
let noRunbookTemplate: TemplateDefault = { value: 'built-in', origin: 'builtin' };
/** The chosen runbook's: what the template field was prefilled with. */
let templateDefault: TemplateDefault = noRunbookTemplate;
const PREVIEW_DELAY_MS = 300;
let previewTimer: ReturnType<typeof setTimeout> | undefined;
const TEMPLATE_ORIGINS: Readonly<Record<TemplateDefault['origin'], string>> = {
  setting: 'From the setting runbook.traceabilityTemplate',
  runbook: "From the runbook's link",
  builtin: "The extension's built-in template",
};

function readValues(): FormValues {
  const values = Object.fromEntries(textFields.map((id) => [id, field(id).value.trim()])) as Pick<FormValues, (typeof textFields)[number]>;
  const errorTypes = [...document.querySelectorAll<CheckboxElement>('#errorTypes vscode-checkbox')].filter((c) => c.checked).map((c) => c.value);
  return { ...values, errorTypes, severity: field('severity').value, runbook: field('runbook').value };
}

/** Selects by marking the option: a select's `value` set before its options render is ignored. */
function select(id: string, value: string): void {
  const element = field(id);
  for (const opt of element.querySelectorAll<HTMLElement & { value: string; selected: boolean }>('vscode-option')) {
    opt.selected = opt.value === value;
    opt.toggleAttribute('selected', opt.selected);
  }
  element.value = value;
}

function writeValues(values: Partial<FormValues>): void {
  for (const id of textFields) if (values[id] !== undefined) field(id).value = values[id] as string;
  if (values.severity) select('severity', values.severity);
  if (values.runbook !== undefined) select('runbook', values.runbook);
  if (values.errorTypes) {
    for (const box of document.querySelectorAll<CheckboxElement>('#errorTypes vscode-checkbox')) box.checked = values.errorTypes.includes(box.value);
  }
}

function option(value: string, label: string, selected: boolean): HTMLElement {
  const element = document.createElement('vscode-option') as ValueElement;
  element.setAttribute('value', value);
  // Marked before it is added: a select's value set before its options render is ignored.
  element.toggleAttribute('selected', selected);
  element.textContent = label;
  return element;
}

/** Clickable suggestions under a field; clicking adds the name (comma-separated fields) or sets it. */
function chips(containerId: string, names: readonly string[], target: string, append: boolean): void {
  const container = document.getElementById(containerId);
  if (!container) return;
  container.replaceChildren(
    ...names.slice(0, 12).map((name) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = name;
      chip.addEventListener('click', () => {
        const input = field(target);
        const current = input.value.split(',').map((s) => s.trim()).filter(Boolean);
        input.value = append ? [...new Set([...current, name])].join(', ') : name;
        changed(target);
      });
      return chip;
    }),
  );
}

function init(suggestions: FormSuggestions, defaults: Partial<FormValues>): void {
  const group = document.getElementById('errorTypes') as HTMLElement;
  group.replaceChildren(
    ...suggestions.errorTypes.map((type) => {
      const box = document.createElement('vscode-checkbox') as CheckboxElement;
      box.setAttribute('value', type);
      box.setAttribute('label', type);
      return box;
    }),
  );
  const runbook = vscode.getState()?.runbook ?? defaults.runbook ?? '';
  rolesByRunbook = new Map(suggestions.runbooks.map((r) => [r.value, r.roles]));
  templatesByRunbook = new Map(suggestions.runbooks.map((r) => [r.value, r.template]));
  noRunbookTemplate = suggestions.template;
  field('runbook').replaceChildren(option('', 'None', runbook === ''), ...suggestions.runbooks.map((r) => option(r.value, r.label, r.value === runbook)));
  chips('systems-suggestions', suggestions.systems, 'systems', true);
  chips('coordinator-suggestions', suggestions.people, 'coordinator', false);
  chips('technicalLead-suggestions', suggestions.people, 'technicalLead', false);
  // Elements render asynchronously; values are set once they are defined.
  void customElements.whenDefined('vscode-single-select').then(() => {
    writeValues({ ...defaults, ...vscode.getState(), ...typedSoFar() });
    roleDefaults = rolesByRunbook.get(field('runbook').value) ?? {};
    showRoleHints();
    templateDefault = templateFor(field('runbook').value);
    if (!field('template').value.trim()) field('template').value = templateDefault.value;
    showTemplateHint();
    initialised = true;
    saveState();
    requestPreview();
  });
}

/** The form field a message is about: the roles' errors belong to the coordinator field. */
const fieldOf = (message: FieldMessage) => (message.field === 'roles' ? 'coordinator' : message.field);

/** Shows each error under its field (and marks the field) when that field was edited; clears the others. */
function showErrors(errors: readonly FieldMessage[], focusFirst: boolean): void {
  const shown = errors.filter((e) => edited.has(fieldOf(e)));
  for (const id of FIELD_IDS) {
    const error = shown.find((e) => fieldOf(e) === id);
    const helper = document.getElementById(`${id}-error`);
    if (helper) helper.textContent = error?.message ?? '';
    document.getElementById(id)?.toggleAttribute('invalid', !!error);
    document.getElementById(`${id}-group`)?.classList.toggle('invalid', !!error);
  }
  const first = shown[0];
  if (focusFirst && first) document.getElementById(fieldOf(first))?.focus();
}

function showHints(hints: readonly FieldMessage[]): void {
  for (const id of FIELD_IDS) {
    const helper = document.getElementById(`${id}-hint`);
    if (helper) helper.textContent = hints.find((h) => fieldOf(h) === id)?.message ?? '';
  }
  showRoleHints();
  showTemplateHint();
}

/** Says where a role's name came from while it is still the runbook's contact. */
function showRoleHints(): void {
  for (const id of ROLE_FIELDS) {
    const helper = document.getElementById(`${id}-hint`);
    const value = field(id).value.trim();
    if (helper) helper.textContent = value && value === roleDefaults[id] ? "From the runbook's contacts" : '';
  }
}

/** Another runbook was chosen: the role fields still holding the previous one's contacts take the new one's. */
function takeRunbookRoles(): void {
  const next = rolesByRunbook.get(field('runbook').value) ?? {};
  for (const id of ROLE_FIELDS) if (field(id).value.trim() === (roleDefaults[id] ?? '')) field(id).value = next[id] ?? '';
  roleDefaults = next;
  showRoleHints();
}

function templateFor(runbook: string): TemplateDefault {
  return (runbook && templatesByRunbook.get(runbook)) || noRunbookTemplate;
}

/** Says where the template comes from while it is the default; Reset is offered once it is changed. */
function showTemplateHint(): void {
  const value = field('template').value.trim();
  const isDefault = !value || value === templateDefault.value;
  const helper = document.getElementById('template-hint');
  if (helper) helper.textContent = isDefault ? TEMPLATE_ORIGINS[templateDefault.origin] : 'Yours, for this incident only: it overrides the settings and the runbook';
  document.getElementById('template-reset')?.toggleAttribute('disabled', isDefault);
}

/** Another runbook was chosen: a template field still holding the previous one's default takes the new one's. */
function takeRunbookTemplate(): void {
  const next = templateFor(field('runbook').value);
  const value = field('template').value.trim();
  if (!value || value === templateDefault.value) field('template').value = next.value;
  templateDefault = next;
  showTemplateHint();
}

/** Asks, once the person pauses, what the chosen template fills. */
function requestPreview(): void {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => vscode.postMessage({ type: 'preview', runbook: field('runbook').value, template: field('template').value.trim() }), PREVIEW_DELAY_MS);
}

function showPreview(preview: TemplatePreview): void {
  const { summary, full, notes } = previewLine(preview);
  const line = document.getElementById('template-preview') as HTMLElement;
  line.textContent = summary;
  line.title = full;
  (document.getElementById('template-notes') as HTMLElement).replaceChildren(
    ...notes.map((note) => {
      const item = document.createElement('li');
      item.textContent = note;
      return item;
    }),
  );
}

/** A field was edited: it may now show its error, and every field is checked again, so a fixed one clears. */
function changed(id: string): void {
  if (id === 'runbook' && initialised) takeRunbookRoles();
  if (id === 'runbook' && initialised) takeRunbookTemplate();
  if (id === 'template') showTemplateHint();
  if ((id === 'runbook' || id === 'template') && initialised) requestPreview();
  saveState();
  if (!(FIELD_IDS as readonly string[]).includes(id)) return;
  edited.add(id);
  vscode.postMessage({ type: 'validate', values: readValues() });
}

/** The field an input or change event came from (a checkbox belongs to its group). */
function fieldIdOf(event: Event): string {
  return (event.target as HTMLElement | null)?.closest('vscode-checkbox-group, vscode-textfield, vscode-textarea, vscode-single-select')?.id ?? '';
}

function saveState(): void {
  if (initialised) vscode.setState(readValues());
}

/** Text typed before initialisation finished, kept rather than overwritten. */
function typedSoFar(): Partial<FormValues> {
  return Object.fromEntries(textFields.map((id) => [id, field(id).value]).filter(([, value]) => value)) as Partial<FormValues>;
}

form.addEventListener('input', (event) => changed(fieldIdOf(event)));
form.addEventListener('change', (event) => changed(fieldIdOf(event)));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  FIELD_IDS.forEach((id) => edited.add(id));
  vscode.postMessage({ type: 'submit', values: readValues() });
});
document.getElementById('submit')?.addEventListener('click', () => form.requestSubmit());
document.getElementById('cancel')?.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
document.getElementById('template-reset')?.addEventListener('click', () => {
  field('template').value = templateDefault.value;
  changed('template');
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      init(message.suggestions, message.defaults);
      break;
    case 'errors':
      showErrors(message.errors, true);
      break;
    case 'validation':
      showErrors(message.errors, false);
      showHints(message.hints);
      break;
    case 'started':
      vscode.setState({});
      (document.getElementById('status') as HTMLElement).textContent = `Incident started: ${message.path}`;
      break;
    case 'templatePreview':
      showPreview(message.preview);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
