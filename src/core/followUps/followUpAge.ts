/** An open follow-up older than this is work an incident left that nobody did: listed first, marked. */
export const STALE_DAYS = 30;

const DAY_MS = 86_400_000;

/** Whole days since the issue was opened, else since its incident started (a state not fetched yet). */
export function followUpAgeDays(followUp: { readonly createdAt?: string; readonly record: { readonly read: { readonly state: { readonly startedAt: string } } } }, now: Date): number {
  const since = Date.parse(followUp.createdAt ?? followUp.record.read.state.startedAt);
  return Number.isFinite(since) ? Math.max(0, Math.floor((now.getTime() - since) / DAY_MS)) : 0;
}

/** The oldest first: those open longer than STALE_DAYS lead. */
export function rankOpenFollowUps<T extends Parameters<typeof followUpAgeDays>[0]>(followUps: readonly T[], now: Date): T[] {
  return [...followUps].sort((a, b) => followUpAgeDays(b, now) - followUpAgeDays(a, now));
}

/** "open · @tortega", "open · unassigned", "closed", or "state not known yet" (not fetched, or GitHub could not tell). */
export function describeState(followUp: { readonly state: 'open' | 'closed' | 'unknown'; readonly assignee?: string } | undefined): string {
  if (!followUp || followUp.state === 'unknown') return 'state not known yet';
  return followUp.state === 'open' ? `open${followUp.assignee ? ` · @${followUp.assignee}` : ' · unassigned'}` : 'closed';
}
