// The sample release plan is dated in the past, as a real plan is. A copy for the demo or an e2e run is moved in
// time so that its live stage started three days ago: the Rollout view then shows "3 of 7 days" whatever the day,
// and no timebox reminder covers the workbench of tests that are not about it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DATE = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) UTC/g;
const DAY = 86_400_000;

/** Shifts every "YYYY-MM-DD HH:MM UTC" of `runbooks/release-plan.md` under `workspace` by the same amount. */
export function freshenReleasePlan(workspace: string, now = new Date(), liveFor = 3 * DAY): void {
  const file = join(workspace, 'runbooks', 'release-plan.md');
  const text = readFileSync(file, 'utf8');
  const dates = [...text.matchAll(DATE)].map((m) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
  if (!dates.length) return;
  const latest = Math.max(...dates);
  const target = Math.floor((now.getTime() - liveFor) / 3_600_000) * 3_600_000;
  const shift = target - latest;
  writeFileSync(file, text.replace(DATE, (_, y: string, mo: string, d: string, h: string, mi: string) => {
    const moved = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) + shift);
    return `${moved.toISOString().slice(0, 10)} ${moved.toISOString().slice(11, 16)} UTC`;
  }));
}
