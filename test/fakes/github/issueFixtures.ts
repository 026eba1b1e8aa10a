// Repositories, issue templates and issues for the tests of follow-up issues and for the demo:
// parcel-tracking (public, with a Markdown template and an issue form), handbook-sensitive (private)
// and readonly-service (a token that may read but not write).
import type { FakeFile } from './fakeContents';
import type { FakeIssue, FakeRepository } from './fakeIssues';
import { BUG_REPORT_YML, INCIDENT_FOLLOW_UP_MD } from './issueTemplateTexts';

export const FOLLOW_UP_REPO = 'northwind-example/parcel-tracking';
export const PRIVATE_REPO = 'northwind-example/handbook-sensitive';
export const READ_ONLY_REPO = 'northwind-example/readonly-service';
export const TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';
export const MARKDOWN_TEMPLATE = `${TEMPLATE_DIR}/incident-follow-up.md`;
export const FORM_TEMPLATE = `${TEMPLATE_DIR}/bug-report.yml`;

const DAY = 86_400_000;

/** parcel-tracking: the labels its templates and follow-ups use, and the people who can be assigned. */
export function followUpRepository(): FakeRepository {
  return { repo: FOLLOW_UP_REPO, labels: ['bug', 'incident-follow-up', 'tech-debt', 'p1', 'p2'], collaborators: ['priya-r', 'tortega', 'glau'] };
}

/** parcel-tracking's issues: #101 open and assigned (45 days old), #102 closed 2 days ago, #103 open and unassigned (3 days old). */
export function followUpIssues(now = new Date()): FakeIssue[] {
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  return [
    {
      repo: FOLLOW_UP_REPO,
      number: 101,
      title: 'Add an alert on carrier gateway timeouts',
      body: '**Incident:** Tracking pages stale for DPD parcels\n**Severity:** Sev 2\n**Systems:** Carrier Gateway\n\n## What needs to be done\n\nAlert when more than 5% of carrier calls time out for 5 minutes.\n',
      state: 'open',
      labels: ['incident-follow-up'],
      assignees: ['tortega'],
      createdAt: ago(45),
      author: 'priya-r',
    },
    {
      repo: FOLLOW_UP_REPO,
      number: 102,
      title: 'Roll back the retry timeout change',
      body: '**Incident:** Label printing failures\n**Severity:** Sev 1\n**Systems:** Carrier Gateway, Label Service\n',
      state: 'closed',
      labels: ['incident-follow-up', 'p1'],
      assignees: ['glau'],
      createdAt: ago(6),
      closedAt: ago(2),
      author: 'tortega',
    },
    {
      repo: FOLLOW_UP_REPO,
      number: 103,
      title: 'Write the missing contract test for label printing',
      body: '**Incident:** Label printing failures\n**Systems:** Label Service\n\n## Acceptance criteria\n\n- [ ] A contract test covers the printer API\n',
      state: 'open',
      labels: ['incident-follow-up', 'tech-debt'],
      createdAt: ago(3),
      author: 'glau',
    },
  ];
}

/** The repositories, template files and issues of the follow-up tests; dates relative to `now`. */
export function issueFixture(now = new Date()): { repositories: FakeRepository[]; files: FakeFile[]; issues: FakeIssue[] } {
  const markdown = INCIDENT_FOLLOW_UP_MD;
  return {
    repositories: [followUpRepository(), { repo: PRIVATE_REPO, private: true, labels: ['incident-follow-up'] }, { repo: READ_ONLY_REPO, readOnly: true, labels: ['bug'] }],
    files: [
      { repo: FOLLOW_UP_REPO, path: MARKDOWN_TEMPLATE, text: markdown },
      { repo: FOLLOW_UP_REPO, path: FORM_TEMPLATE, text: BUG_REPORT_YML },
      { repo: PRIVATE_REPO, path: MARKDOWN_TEMPLATE, text: markdown, private: true },
    ],
    issues: followUpIssues(now),
  };
}
