import type { ContactNode, LinkNode, RunbookNode, SectionNode } from './model';

type Field = 'name' | 'role' | 'handle' | 'channel' | 'email' | 'phone';

// "Name: Ada", "Slack Handle: @ada", "@Slack Handle: @ada" (sic), "Role: Lead", "Slack Channel: `#team`".
const FIELD = /^@?\s*(name|role|slack\s*handle|handle|slack\s*channel|channel|e-?mail|phone)\s*:\s*(.*)$/i;
const REACHABLE = /^reachable (?:on|via|through)\s+(.+?)\.?$/i;

function fieldOf(key: string): Field {
  const k = key.toLowerCase().replace(/\s+/g, ' ');
  if (k === 'name' || k === 'role' || k === 'phone') return k;
  if (k.includes('channel')) return 'channel';
  if (k.startsWith('e')) return 'email';
  return 'handle';
}

/** "Reachable on Slack and Microsoft Teams." → ["Slack", "Microsoft Teams"] */
function reachableChannels(text: string | undefined): string[] {
  const match = text === undefined ? null : REACHABLE.exec(text);
  // Split, then trimmed: spaces inside the pattern would rescan a run of them from each one.
  return match ? (match[1] ?? '').split(/,|\band\b|\bor\b/).map((s) => s.trim()).filter(Boolean) : [];
}

function textOf(node: RunbookNode): string | undefined {
  return node.kind === 'step' || node.kind === 'text' ? node.text : undefined;
}

/**
 * A section whose heading names a role ("Coordinator: runs the response") or a
 * person ("Blaise Fox" with a "Role:" line), followed by Name:/Slack Handle:
 * lines, holds a contact. The field lines are replaced by one contact node.
 */
export function extractContacts(section: SectionNode): void {
  const fields: Partial<Record<Field, string>> = {};
  const channels: string[] = [];
  const consumed = new Set<RunbookNode>();
  for (const child of section.children) {
    const text = textOf(child);
    if (text === undefined) continue;
    const field = FIELD.exec(text);
    if (field) {
      const kind = fieldOf(field[1] ?? '');
      const value = (field[2] ?? '').trim();
      if (kind === 'channel') channels.push(value);
      else fields[kind] ??= value;
      consumed.add(child);
      if (child.kind === 'step') {
        child.children.filter((c): c is LinkNode => c.kind === 'link').forEach((l) => channels.push(l.url));
        child.children.forEach((c) => channels.push(...reachableChannels(textOf(c))));
      }
      continue;
    }
    const reachable = reachableChannels(text);
    if (reachable.length > 0 && consumed.size > 0) {
      channels.push(...reachable);
      consumed.add(child);
    }
  }
  if (fields.name === undefined && fields.handle === undefined) return;

  const heading = section.title.replace(/:\s*$/, '');
  const headingRole = heading.split(':')[0]?.trim() ?? heading;
  const contact: ContactNode = {
    kind: 'contact',
    role: fields.role ?? headingRole,
    ...(fields.name ? { name: fields.name } : fields.role ? { name: heading } : {}),
    ...(fields.handle ? { handle: fields.handle } : {}),
    channels: [...channels, ...(fields.email ? [fields.email] : [])],
    range: { start: section.range.start, end: section.range.end },
  };
  const first = section.children.findIndex((c) => consumed.has(c));
  const kept = section.children.filter((c) => !consumed.has(c));
  kept.splice(Math.min(first, kept.length), 0, contact);
  section.children.splice(0, section.children.length, ...kept);
}

export interface TableCell {
  readonly text: string;
  readonly line: number;
  readonly links: readonly LinkNode[];
}

/** A table with role, name and handle (or Slack/contact) columns becomes one contact per row. */
export function extractTableContacts(rows: readonly (readonly TableCell[])[]): ContactNode[] | undefined {
  const [header, ...body] = rows;
  if (!header) return undefined;
  const column = (pattern: RegExp) => header.findIndex((cell) => pattern.test(cell.text));
  const role = column(/\brole\b|\bposition\b|\bresponsibilit/i);
  const name = column(/\bname\b|\bperson\b|\bwho\b/i);
  const handle = column(/handle|slack|contact|@/i);
  if (role < 0 || (name < 0 && handle < 0)) return undefined;
  return body.flatMap((cells) => {
    const cell = (i: number) => (i >= 0 ? cells[i]?.text.trim() || undefined : undefined);
    const line = cells[0]?.line ?? 0;
    const roleText = cell(role);
    const nameText = cell(name);
    const handleText = cell(handle);
    if (!roleText && !nameText && !handleText) return [];
    return [{
      kind: 'contact' as const,
      role: roleText ?? 'Contact',
      ...(nameText ? { name: nameText } : {}),
      ...(handleText ? { handle: handleText } : {}),
      channels: cells.flatMap((c) => c.links.map((l) => l.url)),
      range: { start: line, end: line + 1 },
    }];
  });
}
