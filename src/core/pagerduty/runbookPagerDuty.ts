import { type Runbook, walk } from '../runbook/model';
import { type PagerDutyLink, parsePagerDutyLink } from './pagerDutyLink';

const RANK = { service: 0, escalation_policy: 1, schedule: 2 } as const;

/** The PagerDuty link a runbook's on-call comes from: a service first (paging needs one), then a policy, then a schedule. */
export function runbookPagerDutyLink(runbook: Runbook): PagerDutyLink | undefined {
  const links: PagerDutyLink[] = [];
  for (const node of walk(runbook.children)) {
    const link = node.kind === 'link' && node.linkKind === 'pagerduty' ? parsePagerDutyLink(node.url) : undefined;
    if (link) links.push(link);
  }
  return links.sort((a, b) => RANK[a.kind] - RANK[b.kind])[0];
}
