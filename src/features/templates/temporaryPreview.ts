// TEMPORARY, replaced by the lead when merging issue 11: the real PreviewTemplate loads the template with
// TemplateLoader (the argument, the setting, the runbook's link, the built-in one) and fills it with fillTemplate.
// This one always previews the built-in template, so the form and the command have something to show.
import { DEFAULT_TEMPLATE, renderTemplate } from '../../core/incident/incidentDocument';
import { templateLocation } from '../../core/templates/templateSource';
import type { PreviewTemplate } from './templatePreview';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export const temporaryPreview: PreviewTemplate = async (request) => {
  const names = [...new Set([...DEFAULT_TEMPLATE.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
  const values = Object.fromEntries(names.map((name) => [name, name === 'runbook' ? (request.runbook ?? '') : `‹${name}›`]));
  const rendered = renderTemplate(DEFAULT_TEMPLATE, values);
  return {
    source: templateLocation({ kind: 'builtin' }),
    text: rendered.ok ? rendered.text : DEFAULT_TEMPLATE,
    filled: names,
    unfilled: [],
    notes: request.template ? [`${request.template} is not read yet: the built-in template is shown`] : [],
  };
};
