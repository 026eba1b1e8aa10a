import { linkDestination } from '../markdownLinks';

/** The PagerDuty incident a record paged, as its front matter keeps it under `pagerduty:`. */
export interface PagerDutyRecord {
  /** PagerDuty's incident id: "Q1ABC…", "PT4KHLK". */
  readonly incident: string;
  /** The incident's page: https://SUB.pagerduty.com/incidents/ID. */
  readonly url: string;
  /** The incident's number, "#123" in PagerDuty. */
  readonly number?: number;
}

const INCIDENT_ID = /^[A-Z0-9]{1,32}$/;

function isPagerDutyPage(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && (url.hostname === 'pagerduty.com' || url.hostname.endsWith('.pagerduty.com'));
  } catch {
    return false;
  }
}

/** The front matter's `pagerduty:` value checked: an incident id and its https PagerDuty page; undefined for anything else. */
export function pagerDutyFromFrontMatter(value: unknown): PagerDutyRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { incident, url, number } = value as Record<string, unknown>;
  if (typeof incident !== 'string' || !INCIDENT_ID.test(incident.trim())) return undefined;
  if (typeof url !== 'string' || !isPagerDutyPage(url.trim())) return undefined;
  const counted = typeof number === 'number' && Number.isInteger(number) && number > 0;
  return { incident: incident.trim(), url: url.trim(), ...(counted ? { number } : {}) };
}

/** The value to write under `pagerduty:`, keys in a fixed order and no empty ones. */
export function pagerDutyFrontMatterValue(record: PagerDutyRecord): { incident: string; url: string; number?: number } {
  return { incident: record.incident, url: record.url, ...(record.number !== undefined ? { number: record.number } : {}) };
}

/** The timeline entry of a page: "Paged via PagerDuty: [incident #123](url) — Level 1 of Travel Pay escalation: Kevin Duensing". */
export function pagedEntryText(page: { readonly url: string; readonly number?: number; readonly targets: string }): string {
  const label = page.number !== undefined ? `incident #${page.number}` : 'incident';
  const targets = page.targets.replace(/\s+/g, ' ').trim();
  return `Paged via PagerDuty: [${label}](${linkDestination(page.url)})${targets ? ` — ${targets}` : ''}`;
}
