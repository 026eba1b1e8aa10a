import { MAX_FRONT_MATTER_CHARS, PARSE_OPTIONS } from '../incident/frontMatter';
import { yaml } from '../yamlModule';

/** A template is a page of Markdown; far beyond that is not one to fill on every start. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Extensions of files that are not Markdown, whatever their text decodes to. */
const NOT_MARKDOWN = new Set(['pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ppt', 'pptx', 'zip', 'gz', 'json', 'html', 'htm']);

/** How much of the start is looked at for binary content. */
const SNIFF_CHARS = 8192;

/**
 * Why a template's text cannot be used, naming the template, or undefined when it can:
 * too large, not text, an HTML page (a web page's address instead of the raw file's),
 * a file that is not Markdown, or a front matter block that is never closed or is not a YAML mapping.
 */
export function checkTemplateText(text: string, name: string): string | undefined {
  const reason = problem(text, name);
  return reason && `Template ${name}: ${reason}`;
}

function problem(text: string, name: string): string | undefined {
  if (text.length > MAX_TEMPLATE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_TEMPLATE_BYTES) {
    return `it is larger than ${MAX_TEMPLATE_BYTES / (1024 * 1024)} MB, the most a template may be`;
  }
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  if (extension && NOT_MARKDOWN.has(extension)) return `it is a .${extension} file, not Markdown`;
  if (isBinary(text)) return 'it is not text (binary content), not Markdown';
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 20).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'it is an HTML page, not the raw Markdown (was the link a web page?)';
  return frontMatterProblem(text.replace(/^\uFEFF/, ''));
}

/** NUL bytes, or many control or undecodable characters near the start: an image, an archive, a PDF. */
function isBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, SNIFF_CHARS);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13)) odd++;
  }
  return odd > 8 && odd * 10 > sample.length;
}

/** An opening `---` line starts a front matter block: it must be closed by another `---` line and hold a YAML mapping. */
function frontMatterProblem(text: string): string | undefined {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return undefined;
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (close < 0) return 'its front matter (the --- block at the top) is never closed by a --- line';
  const source = lines.slice(1, close).join('\n');
  if (source.trim() === '') return undefined;
  if (source.length > MAX_FRONT_MATTER_CHARS) return `its front matter is ${Math.ceil(source.length / 1024)} KB; a record's is read up to ${MAX_FRONT_MATTER_CHARS / 1024} KB`;
  const doc = yaml().parseDocument(source, PARSE_OPTIONS);
  if (doc.errors.length) return `its front matter is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`;
  if (!yaml().isMap(doc.contents)) return 'its front matter is not a mapping of fields (key: value lines)';
  const seen = new Set<string>();
  for (const pair of doc.contents.items) {
    const key = String(yaml().isScalar(pair.key) ? pair.key.value : pair.key);
    if (seen.has(key)) return `its front matter sets "${key}" twice`;
    seen.add(key);
  }
  return undefined;
}
