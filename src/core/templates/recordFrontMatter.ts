import { frontMatter, frontMatterLength, frontMatterWithState } from '../incident/frontMatter';
import { type IncidentState } from '../incident/incident';

/**
 * A filled template under the incident's front matter. A template with its own front matter
 * keeps its keys (and comments): the incident's fields are set in that block; any other
 * template gets the incident's block above it, in the template's line endings.
 */
export function withIncidentFrontMatter(body: string, state: IncidentState): { ok: true; text: string } | { ok: false; message: string } {
  if (frontMatterLength(body) > 0) {
    const edit = frontMatterWithState(body, state);
    return edit.ok ? { ok: true, text: edit.text + body.slice(edit.length) } : { ok: false, message: edit.error };
  }
  const crlf = /\r\n/.test(body.slice(0, body.indexOf('\n') + 1));
  const block = frontMatter(state);
  return { ok: true, text: `${crlf ? block.replace(/\n/g, '\r\n') : block}${body}` };
}
