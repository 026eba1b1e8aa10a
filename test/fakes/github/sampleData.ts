import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FakeFile } from './fakeContents';
import type { FakePullRequest } from './fakeGitHub';
import type { FakeIssue, FakeRepository } from './fakeIssues';
import { FOLLOW_UP_REPO, followUpIssues, followUpRepository, issueFixture } from './issueFixtures';

const REPO = 'northwind-example/parcel-tracking';
const AUTHORS = ['priya-r', 'tortega', 'glau', 'sbecker', 'idu', 'kmori', 'jfrost'];
/** Everyday changes, with the labels teams put on them; none names a system of the runbook but Label Service's. */
const EVERYDAY: readonly { title: string; labels: readonly string[] }[] = [
  { title: 'Bump the AWS SDK to 3.600', labels: ['dependencies'] },
  { title: 'Docs: link the on-call handbook from the README', labels: ['docs'] },
  { title: 'Refactor the address parser into its own module', labels: [] },
  { title: 'Label Service: cache printer templates for 10 minutes', labels: ['performance'] },
  { title: 'CI: run the integration tests in parallel', labels: ['ci'] },
  { title: 'Add metrics for the sorting queue depth', labels: ['observability'] },
  { title: 'Fix the flaky delivery-estimate test', labels: ['tests'] },
  { title: 'Tracking page: new status icons', labels: ['frontend'] },
];

/** One everyday change, about 7 hours before the start, is a revert: a suspect by its label. */
const REVERTED = 51;
const REVERT = { title: 'Revert "Batch the sorting-queue writes"', labels: ['revert'] };

/**
 * Merged PRs for the demo's sample runbook (repository northwind-example/parcel-tracking): 60 everyday
 * changes over the two days before the last 2.5 hours, one of them a revert, and the likely culprit of an
 * incident started now: #4242, labelled `risky`, merged 40 minutes ago.
 */
export function samplePullRequests(now = new Date()): FakePullRequest[] {
  const from = now.getTime() - 48 * 3_600_000;
  const span = 48 * 3_600_000 - 150 * 60_000;
  const everyday = Array.from({ length: 60 }, (_, i): FakePullRequest => {
    const kind = i === REVERTED ? REVERT : (EVERYDAY[i % EVERYDAY.length] ?? { title: 'Change', labels: [] });
    return { repo: REPO, number: 4100 + i, title: kind.title, author: AUTHORS[i % AUTHORS.length] ?? 'ghost', mergedAt: new Date(from + Math.floor(((i + 0.5) / 60) * span)).toISOString(), labels: kind.labels };
  });
  return [
    ...everyday,
    { repo: REPO, number: 4242, title: 'Carrier gateway: lower the retry timeout to 2s', author: 'tortega', mergedAt: new Date(now.getTime() - 40 * 60_000).toISOString(), labels: ['carrier-gateway', 'risky'] },
  ];
}

/** The repository the demo files follow-up issues in (northwind-example/parcel-tracking): its labels and collaborators. */
export function sampleFollowUpRepository(): FakeRepository {
  return followUpRepository();
}

/** Where the sample support plan's ticket fixes go: its issue template is under demo/northwind-example/parcel-support. */
export const SUPPORT_REPO = 'northwind-example/parcel-support';

/** parcel-support's issue template, which the sample support plan links for a ticket's fix. */
export const SUPPORT_TEMPLATE = { repo: SUPPORT_REPO, path: '.github/ISSUE_TEMPLATE/support-ticket.md', text: "---\nname: Support ticket fix\nabout: A fix a ServiceNow ticket needs, tracked until it is in production\ntitle: \"[SNOW] \"\nlabels: support-ticket\nassignees: ''\n---\n\n**Priority:**\n**Reported:**\n**Status:**\n\n## Description\n\n## Definition of done\n- [ ] The fix is merged and deployed to production\n- [ ] The ServiceNow ticket is set to Resolved (Runbook: Resolve Ticket\u2026)\n" } as const;

/** parcel-support: the label its template gives, and who can be assigned. */
export function sampleSupportRepository(): FakeRepository {
  return { repo: SUPPORT_REPO, labels: ['support-ticket', 'bug'], collaborators: ['priya-r', 'tortega'] };
}

/** The follow-up issues already in that repository, dated relative to `now`. */
export function sampleFollowUpIssues(now = new Date()): FakeIssue[] {
  return followUpIssues(now);
}

/**
 * The tracking issues of the sample release plan's stages (parcel-tracking #120 to #123): the canary's and the
 * first ramp-up's closed, the live stage's open and assigned, the next one's open.
 */
export function sampleRolloutIssues(now = new Date()): FakeIssue[] {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const issue = (number: number, title: string, closedDaysAgo: number | undefined, assignee?: string): FakeIssue => ({
    repo: FOLLOW_UP_REPO,
    number,
    title,
    body: `Tracking issue of the Label Service v2 rollout: ${title}.`,
    state: closedDaysAgo === undefined ? 'open' : 'closed',
    labels: [],
    ...(assignee ? { assignees: [assignee] } : {}),
    createdAt: ago(30),
    ...(closedDaysAgo !== undefined ? { closedAt: ago(closedDaysAgo) } : {}),
    author: 'priya-r',
  });
  return [
    issue(120, 'Label Service v2: canary', 9),
    issue(121, 'Label Service v2: 1% of users', 3),
    issue(122, 'Label Service v2: 5% of users', undefined, 'glau'),
    issue(123, 'Label Service v2: 25% of users', undefined),
  ];
}

/**
 * The files of the demo's repositories, as the demo's fake serves them: the templates the sample runbook links
 * (test/fakes/github/demo/OWNER/REPO/REF/…: github.com/northwind-example/handbook, branch main) and parcel-tracking's
 * issue templates (a Markdown template and an issue form).
 */
export function sampleTemplateFiles(): FakeFile[] {
  const root = join(__dirname, 'demo');
  const files: FakeFile[] = [];
  for (const owner of readdirSync(root)) {
    for (const repo of readdirSync(join(root, owner))) {
      for (const ref of readdirSync(join(root, owner, repo))) {
        const base = join(root, owner, repo, ref);
        for (const path of readdirSync(base, { recursive: true, encoding: 'utf8' })) {
          if (!path.endsWith(".md")) continue;
          files.push({ repo: `${owner}/${repo}`, ref, path: path.split(sep).join('/'), text: readFileSync(join(base, path), 'utf8') });
        }
      }
    }
  }
  return [...files, ...issueFixture().files.filter((f) => f.repo === FOLLOW_UP_REPO), { ...SUPPORT_TEMPLATE }];
}
