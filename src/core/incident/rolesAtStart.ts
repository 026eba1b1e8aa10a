import { type IncidentRoles, roleKey } from './incident';
import { type RoleChoice, STANDARD_ROLES, withDefaultRoles } from './roles';

/**
 * The roles a new incident starts with: those given, and the runbook's Coordinator and Technical lead
 * contacts for each of the two the request does not mention. A role given empty ("coordinator": "",
 * or a cleared form field) means nobody, not the default.
 */
export function rolesAtStart(requested: unknown, given: IncidentRoles, roles: readonly RoleChoice[]): IncidentRoles {
  // The request may name a role by its label ("Coordinator", "Technical Lead"): compare by key.
  const mentioned = typeof requested === 'object' && requested !== null ? Object.fromEntries(Object.entries(requested as Record<string, unknown>).map(([label, name]) => [roleKey(label), name])) : {};
  const cleared = STANDARD_ROLES.filter((r) => mentioned[r.key] !== undefined && given[r.key] === undefined).map((r) => r.key);
  const filled = withDefaultRoles({ ...given, ...Object.fromEntries(cleared.map((key) => [key, ''])) }, roles);
  return Object.fromEntries(Object.entries(filled).filter(([, name]) => name));
}
