// The line under the form's template field: what the template fills and what it leaves for a person.
import type { TemplatePreview } from './messages';

const SHOWN = 4;

/** "Date, Start time, Impact, Severity…": the first few names, and an ellipsis when there are more. */
function names(list: readonly string[]): string {
  return `${list.slice(0, SHOWN).join(', ')}${list.length > SHOWN ? '…' : ''}`;
}

/** The summary ("Fills: … · Left for you: …"), every name (for the line's tooltip), and the notes to show under it. */
export function previewLine(preview: TemplatePreview): { readonly summary: string; readonly full: string; readonly notes: readonly string[] } {
  const fills = preview.filled.length ? `Fills: ${names(preview.filled)}` : 'Fills no field';
  const left = preview.unfilled.length ? ` · Left for you: ${names(preview.unfilled)}` : '';
  const full = [`Fills: ${preview.filled.join(', ') || 'nothing'}`, ...(preview.unfilled.length ? [`Left for you: ${preview.unfilled.join(', ')}`] : [])].join('\n');
  return { summary: `${fills}${left}`, full, notes: preview.notes };
}
