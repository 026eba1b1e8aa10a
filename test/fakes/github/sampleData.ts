import { type FakePullRequest, generatePullRequests } from './fakeGitHub';

/** Merged PRs for the demo's sample runbook (repository northwind-example/parcel-tracking), over the last two days. */
export function samplePullRequests(now = new Date()): FakePullRequest[] {
  const authors = ['priya-r', 'tortega', 'glau', 'sbecker', 'idu', 'kmori', 'jfrost'];
  const generated = generatePullRequests(60, { from: new Date(now.getTime() - 48 * 3_600_000), to: new Date(now.getTime() - 10 * 60_000), repos: ['northwind-example/parcel-tracking'], authors });
  return [
    ...generated,
    { repo: 'northwind-example/parcel-tracking', number: 4242, title: 'Carrier gateway: lower the retry timeout to 2s', author: 'tortega', mergedAt: new Date(now.getTime() - 55 * 60_000).toISOString(), labels: ['carrier-gateway', 'risky'] },
  ];
}
