import { type ContainerNode, type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';

const COLLECT = /\bcollect\b/i;
const SYSTEMS = /\bsystems?\b/i;
const CONTACTS = /\bcontacts?\b/i;
const PARENTHESISED = /\(([^()]*)\)/g;
const LIST_LEAD = /^(?:e\.?g\.?|for example|such as|and|or)[\s,:]+/i;
const MAX_NAME = 40;

/**
 * The systems a runbook names, for the Start Incident form: those its Collect
 * step lists under "Systems" (in parentheses or as sub-items), then the teams of
 * its contacts ("Travel Pay API Team:" under the contacts, a "Carrier Gateway
 * on-call" role). Dashboard names are not systems.
 */
export function runbookSystems(runbook: Runbook): string[] {
  return unique([...collectStepSystems(runbook), ...contactTeams(runbook.children, false)]);
}

/** Configured systems first, then those of each runbook; repeats dropped whatever their case. */
export function systemSuggestions(runbooks: readonly Runbook[], configured: readonly string[]): string[] {
  return unique([...configured, ...runbooks.flatMap(runbookSystems)]);
}

function collectStepSystems(runbook: Runbook): string[] {
  const names: string[] = [];
  for (const node of walk(runbook.children)) {
    const isCollect = (node.kind === 'section' && COLLECT.test(node.title)) || (node.kind === 'step' && COLLECT.test(node.text));
    if (!isCollect) continue;
    const items = node.kind === 'step' ? [node, ...walk(node.children)] : [...walk(node.children)];
    for (const item of items) {
      if (item.kind !== 'step' && item.kind !== 'checklist') continue;
      if (!SYSTEMS.test(item.text)) continue;
      for (const match of item.text.matchAll(PARENTHESISED)) names.push(...listNames(match[1] ?? ''));
      names.push(...subItems(item));
    }
  }
  return names;
}

function listNames(list: string): string[] {
  return list.split(',').map((part) => part.trim().replace(LIST_LEAD, '').trim());
}

function subItems(item: ContainerNode): string[] {
  return item.children.filter((c) => c.kind === 'step' || c.kind === 'checklist').map((c) => (c as { text: string }).text.trim());
}

function contactTeams(nodes: readonly RunbookNode[], underContacts: boolean): string[] {
  const names: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'contact') names.push(withoutLastWord(node.role, ['team', 'on-call', 'oncall']) ?? '');
    if (node.kind !== 'section') continue;
    const team = withoutLastWord(node.title.trim().replace(/:$/, ''), ['team']);
    if (team && (underContacts || hasContact(node))) names.push(team);
    names.push(...contactTeams(node.children, underContacts || CONTACTS.test(node.title)));
  }
  return names;
}

/** "Carrier Gateway on-call" → "Carrier Gateway" when the last word is one of `words`. */
function withoutLastWord(text: string, words: readonly string[]): string | undefined {
  const parts = text.trim().split(/\s+/);
  return parts.length > 1 && words.includes(parts[parts.length - 1]?.toLowerCase() ?? '') ? parts.slice(0, -1).join(' ') : undefined;
}

function hasContact(section: SectionNode): boolean {
  for (const node of walk(section.children)) if (node.kind === 'contact') return true;
  return false;
}

function unique(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (!name || name.length > MAX_NAME || seen.has(key)) continue;
    seen.add(key);
    result.push(name);
  }
  return result;
}
