// GET /oncalls: the on-calls overlapping [since, until] (both default to now), filtered by the set filters
// escalation_policy_ids[], schedule_ids[] ("null" among them: the direct user targets) and user_ids[];
// `earliest=true` keeps the first per policy, level and user; include[]=users|schedules|escalation_policies
// puts the full objects in place of the references.
import type { PagerDutyDirectory } from './pagerDutyDirectory';
import type { Reply } from './pagerDutyErrors';
import type { FakeOnCall } from './pagerDutyModel';
import { inSet, page, setFilter, timeRange } from './pagerDutyPaging';

const bound = (time: string | null | undefined, fallback: number) => (time ? Date.parse(time) : fallback);

/** The on-calls active at some time of [since, until]; an on-call ends just before its end. */
export function activeOnCalls(onCalls: readonly FakeOnCall[], since: number, until: number): FakeOnCall[] {
  return onCalls.filter((o) => bound(o.start, -Infinity) <= until && bound(o.end, Infinity) > since);
}

function earliest(onCalls: readonly FakeOnCall[]): FakeOnCall[] {
  const sorted = [...onCalls].sort((a, b) => bound(a.start, -Infinity) - bound(b.start, -Infinity));
  const seen = new Set<string>();
  return sorted.filter((o) => {
    const key = `${o.escalationPolicyId} ${o.level} ${o.userId}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function render(directory: PagerDutyDirectory, onCall: FakeOnCall, includes: ReadonlySet<string>) {
  const user = directory.users.get(onCall.userId);
  const policy = directory.policies.get(onCall.escalationPolicyId);
  const schedule = onCall.scheduleId === undefined ? undefined : directory.schedules.get(onCall.scheduleId);
  return {
    escalation_policy: includes.has('escalation_policies') && policy ? directory.policy(policy) : directory.reference('escalation_policy', onCall.escalationPolicyId),
    escalation_level: onCall.level,
    schedule: onCall.scheduleId === undefined ? null : includes.has('schedules') && schedule ? directory.schedule(schedule) : directory.reference('schedule', onCall.scheduleId),
    user: includes.has('users') && user ? directory.user(user) : directory.reference('user', onCall.userId),
    start: onCall.start ?? null,
    end: onCall.end ?? null,
  };
}

export function listOnCalls(directory: PagerDutyDirectory, url: URL): Reply {
  const now = directory.now();
  const range = timeRange(url, { since: now, until: now });
  if ('status' in range) return range;
  const [policies, schedules, users] = [setFilter(url, 'escalation_policy_ids'), setFilter(url, 'schedule_ids'), setFilter(url, 'user_ids')];
  const matching = activeOnCalls(directory.onCalls, range.since, range.until).filter(
    (o) => inSet(policies, o.escalationPolicyId) && inSet(schedules, o.scheduleId ?? 'null') && inSet(users, o.userId),
  );
  const chosen = (url.searchParams.get('earliest') === 'true' ? earliest(matching) : matching).sort((a, b) => a.level - b.level);
  const includes = new Set(setFilter(url, 'include'));
  return page(url, 'oncalls', chosen.map((o) => render(directory, o, includes)));
}
