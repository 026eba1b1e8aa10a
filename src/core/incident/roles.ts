import { type ContactNode, type Runbook, walk } from '../runbook/model';
import { type IncidentRoles, roleKey, roleLabel } from './incident';

/** A role an incident can assign: its front-matter key, how it is named, and the runbook's contact for it. */
export interface RoleChoice {
  readonly key: string;
  readonly label: string;
  /** The person the runbook names for the role, if it does. */
  readonly contact?: string;
}

export const STANDARD_ROLES: readonly RoleChoice[] = [
  { key: 'coordinator', label: 'Coordinator' },
  { key: 'technicalLead', label: 'Technical lead' },
];

/**
 * Coordinator and Technical lead first, then each other role the runbook's
 * contacts define, in the order they appear; each with the first person named for it.
 */
export function runbookRoles(runbook: Runbook | undefined): RoleChoice[] {
  const roles = new Map<string, RoleChoice>(STANDARD_ROLES.map((r) => [r.key, r]));
  for (const node of runbook ? walk(runbook.children) : []) {
    if (node.kind !== 'contact') continue;
    const contact = node as ContactNode;
    const key = roleKey(contact.role);
    if (!key || key === 'contact') continue;
    const known = roles.get(key);
    const person = contact.name ?? contact.handle;
    if (known?.contact) continue;
    roles.set(key, { key, label: known?.label ?? (contact.role.trim() || roleLabel(key)), ...(person ? { contact: person } : {}) });
  }
  return [...roles.values()];
}

/** The roles given, with Coordinator and Technical lead taken from the runbook's contacts where none is given. */
export function withDefaultRoles(given: IncidentRoles, roles: readonly RoleChoice[]): IncidentRoles {
  const defaults: Record<string, string> = {};
  for (const role of roles.filter((r) => STANDARD_ROLES.some((s) => s.key === r.key))) if (role.contact && given[role.key] === undefined) defaults[role.key] = role.contact;
  // Coordinator and Technical lead first, whichever came from where: the record lists roles in one order.
  const merged: Record<string, string | undefined> = { ...defaults, ...given };
  const order = [...STANDARD_ROLES.map((r) => r.key), ...Object.keys(merged)];
  return Object.fromEntries([...new Set(order)].filter((key) => key in merged).map((key) => [key, merged[key]]));
}
