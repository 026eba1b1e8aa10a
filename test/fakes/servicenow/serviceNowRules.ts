// What refuses a write on a real instance besides ACLs: data policies and aborting business rules. Both reach a
// Table API client as 403 `Operation Failed` with the reason in `detail`, in these words:
// - a data policy: "Data Policy Exception: \n\tThe following fields are mandatory: Resolution code, Close notes"
//   (a ServiceNow integration's run log, quoted in its docs); the labels are the fields' own.
// - a business rule: "Operation against file 'incident' was aborted by Business Rule 'NAME^SYS_ID'. Business Rule
//   Stack:NAME" (seen in answers to Table API PATCHes of change_request and sys_update_xml).
import type { FakeRule } from './serviceNowModel';

/** Makes the labelled columns mandatory whenever `when` holds of the record the write would leave. */
export function dataPolicy(when: (after: Readonly<Record<string, string>>) => boolean, mandatory: Readonly<Record<string, string>>): FakeRule {
  return (after) => {
    if (!when(after)) return undefined;
    const missing = Object.entries(mandatory).filter(([column]) => !after[column]?.trim()).map(([, label]) => label);
    return missing.length ? { detail: `Data Policy Exception: \n\tThe following fields are mandatory: ${missing.join(', ')}` } : undefined;
  };
}

/** A before-update business rule on `table` that aborts the write whenever `when` holds. */
export function abortingBusinessRule(table: string, name: string, sysId: string, when: (after: Readonly<Record<string, string>>, changed: ReadonlySet<string>) => boolean): FakeRule {
  return (after, changed) => (when(after, changed) ? { detail: `Operation against file '${table}' was aborted by Business Rule '${name}^${sysId}'. Business Rule Stack:${name}` } : undefined);
}

/**
 * The base system's incident data policy: resolving (6) or closing (7) needs the Resolution code and Resolution
 * notes (the field labels of "Resolve and close an incident"; older releases call close_notes "Close notes").
 */
export const INCIDENT_CLOSE_INFO: FakeRule = dataPolicy((after) => after.state === '6' || after.state === '7', { close_code: 'Resolution code', close_notes: 'Resolution notes' });

/** The rules every instance starts with, by the table they are defined on. */
export function defaultRules(): Map<string, FakeRule[]> {
  return new Map([['incident', [INCIDENT_CLOSE_INFO]]]);
}
