import { type IssueRef, parseIssueUrl } from '../followUps/issueRefs';

// ZenHub's board address for a GitHub issue: https://app.zenhub.com/workspaces/NAME-ID/issues/gh/OWNER/REPO/NUMBER
const ZENHUB_ISSUE = /^https:\/\/app\.zenhub\.com\/workspaces\/[^/\s]+\/issues\/(?:gh\/)?([\w.-]{1,100})\/([\w.-]{1,100})\/(\d{1,9})\/?$/i;

/** A stage's tracking link as the GitHub issue it is: a GitHub issue address, or ZenHub's address of one. */
export function trackingIssue(link: string): IssueRef | undefined {
  const url = link.trim().replace(/^<|>$/g, '');
  const zenhub = ZENHUB_ISSUE.exec(url);
  if (zenhub?.[1] && zenhub[2] && zenhub[3]) return { owner: zenhub[1], repo: zenhub[2], number: Number(zenhub[3]), url: `https://github.com/${zenhub[1]}/${zenhub[2]}/issues/${zenhub[3]}` };
  return parseIssueUrl(url);
}
