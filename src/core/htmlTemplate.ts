/** Markup built by `html`: inserted as is into other `html` templates. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made inert for an HTML text node or a quoted attribute value: `&`, `<`, `>`, `"` and `'` become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A template tag for HTML whose every interpolated value is escaped (arrays item
 * by item), except markup already built with `html`: a string can never open a
 * tag or end an attribute.
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): Html {
  const piece = (value: unknown): string => (value instanceof Html ? value.text : Array.isArray(value) ? value.map(piece).join('') : escapeHtml(String(value ?? '')));
  return new Html(strings.reduce((out, part, i) => out + part + (i < values.length ? piece(values[i]) : ''), ''));
}
