export type PagerDutyLinkKind = 'service' | 'schedule' | 'escalation_policy';

/** A PagerDuty web address that names one service, schedule or escalation policy of an account. */
export interface PagerDutyLink {
  /** The account: "dsva" of dsva.pagerduty.com (and of dsva.eu.pagerduty.com). */
  readonly subdomain: string;
  readonly kind: PagerDutyLinkKind;
  readonly id: string;
  /** The address as written (trimmed). */
  readonly url: string;
}

// PagerDuty ids are "P" and six characters (PO9X8XN); a few more are allowed in case longer ones appear.
const ID = /^P[A-Z0-9]{6,8}$/;
const ACCOUNT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Hosts under pagerduty.com that are PagerDuty's own, not an account's. */
const NOT_ACCOUNTS: ReadonlySet<string> = new Set(['www', 'api', 'events', 'app', 'eu']);

const COLLECTIONS: ReadonlyMap<string, PagerDutyLinkKind> = new Map([
  ['service-directory', 'service'],
  ['services', 'service'],
  ['schedules', 'schedule'],
  ['escalation_policies', 'escalation_policy'],
]);

/** "dsva" for dsva.pagerduty.com and dsva.eu.pagerduty.com; undefined for any other host. */
function accountOf(host: string): string | undefined {
  const [account, ...rest] = host.split('.');
  const domain = rest.join('.');
  if (!account || (domain !== 'pagerduty.com' && domain !== 'eu.pagerduty.com')) return undefined;
  return ACCOUNT.test(account) && !NOT_ACCOUNTS.has(account) ? account : undefined;
}

/**
 * `https://SUB.pagerduty.com/service-directory/PXXXXXX` (also `/services/…`, with more
 * path after the id), `/schedules/PXXXXXX` or `/schedules#PXXXXXX`,
 * `/escalation_policies/PXXXXXX` or `/escalation_policies#PXXXXXX`, on US or EU hosts.
 * Anything else (another host, http, no id) is undefined.
 */
export function parsePagerDutyLink(url: string): PagerDutyLink | undefined {
  const written = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(written);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return undefined;
  const subdomain = accountOf(parsed.hostname);
  if (!subdomain) return undefined;
  const [, collection = '', inPath = '', ...more] = parsed.pathname.split('/');
  const kind = COLLECTIONS.get(collection.toLowerCase());
  if (!kind) return undefined;
  // The older schedule and escalation policy pages keep the id in the fragment: "/schedules#PXXXXXX".
  const inFragment = inPath === '' && more.length === 0 && kind !== 'service' ? (parsed.hash.slice(1).split(/[/?&]/)[0] ?? '') : '';
  const id = inPath || inFragment;
  return ID.test(id) ? { subdomain, kind, id, url: written } : undefined;
}
