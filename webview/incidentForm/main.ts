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
import { FIELD_IDS, type FormSuggestions, type FormValues, type FromWebview, type ToWebview } from './messages';

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
const textFields = ['title', 'impact', 'affected', 'systems', 'startedAt', 'coordinator', 'technicalLead'] as const;
/** State is saved only once the form holds its defaults, so typing early cannot save empty choices over them. */
let initialised = false;

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
        saveState();
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
  field('runbook').replaceChildren(option('', 'None', runbook === ''), ...suggestions.runbooks.map((r) => option(r.value, r.label, r.value === runbook)));
  chips('systems-suggestions', suggestions.systems, 'systems', true);
  chips('coordinator-suggestions', suggestions.people, 'coordinator', false);
  chips('technicalLead-suggestions', suggestions.people, 'technicalLead', false);
  // Elements render asynchronously; values are set once they are defined.
  void customElements.whenDefined('vscode-single-select').then(() => {
    writeValues({ ...defaults, ...vscode.getState(), ...typedSoFar() });
    initialised = true;
    saveState();
  });
}

function showErrors(errors: readonly { field: string; message: string }[]): void {
  for (const id of FIELD_IDS) {
    const helper = document.getElementById(`${id}-error`);
    const error = errors.find((e) => e.field === id || (id === 'coordinator' && e.field === 'roles'));
    if (helper) helper.textContent = error?.message ?? '';
    document.getElementById(`${id}-group`)?.classList.toggle('invalid', !!error);
  }
  const first = errors[0];
  if (first) (document.getElementById(first.field) as HTMLElement | null)?.focus();
}

function saveState(): void {
  if (initialised) vscode.setState(readValues());
}

/** Text typed before initialisation finished, kept rather than overwritten. */
function typedSoFar(): Partial<FormValues> {
  return Object.fromEntries(textFields.map((id) => [id, field(id).value]).filter(([, value]) => value)) as Partial<FormValues>;
}

form.addEventListener('input', saveState);
form.addEventListener('change', saveState);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  showErrors([]);
  vscode.postMessage({ type: 'submit', values: readValues() });
});
document.getElementById('submit')?.addEventListener('click', () => form.requestSubmit());
document.getElementById('cancel')?.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      init(message.suggestions, message.defaults);
      break;
    case 'errors':
      showErrors(message.errors);
      break;
    case 'started':
      vscode.setState({});
      (document.getElementById('status') as HTMLElement).textContent = `Incident started: ${message.path}`;
      break;
  }
});

vscode.postMessage({ type: 'ready' });
