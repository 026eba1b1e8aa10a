// The `{{placeholder}}` renderer records were made with before team templates: the oracle that
// fillTemplate must match on the built-in template.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export function legacyRenderTemplate(template: string, values: Record<string, string>): { ok: true; text: string } | { ok: false; message: string } {
  const unknown = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? '').trim()).filter((name) => !Object.hasOwn(values, name)))];
  if (unknown.length) {
    return { ok: false, message: `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}. Valid names: ${Object.keys(values).join(', ')}.` };
  }
  return { ok: true, text: template.replace(PLACEHOLDER, (_, name: string) => values[name.trim()] ?? '') };
}
