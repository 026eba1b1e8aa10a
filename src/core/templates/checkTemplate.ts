// A minimal stand-in written by H2 (fetch) so the loader works before merging; the lead keeps H1's version.
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Why this text cannot be a template (a message naming the template and the reason), or undefined. */
export function checkTemplateText(text: string, name: string): string | undefined {
  if (new TextEncoder().encode(text).length > MAX_TEMPLATE_BYTES) return `Template ${name} is larger than 1 MB.`;
  if (text.includes('\0')) return `Template ${name} is not text (it contains NUL bytes).`;
  if (/^\s*(?:<!DOCTYPE html|<html)/i.test(text)) return `Template ${name} is an HTML page, not the raw Markdown: link the file's raw content.`;
  return undefined;
}
