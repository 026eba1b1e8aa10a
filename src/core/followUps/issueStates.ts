import { type IssueRef, repoName } from './issueRefs';

/** What a follow-up's issue says now. */
export interface IssueState {
  readonly url: string;
  readonly title: string;
  readonly state: 'open' | 'closed';
  /** The first assignee's login. */
  readonly assignee?: string;
  readonly createdAt?: string;
  readonly closedAt?: string;
}

/** `owner/repo#123`, without case: the same issue however a link writes it. */
export function issueKey(ref: Pick<IssueRef, 'owner' | 'repo' | 'number'>): string {
  return `${repoName(ref)}#${ref.number}`.toLowerCase();
}

/** Issues asked about in one query at most: GitHub's limits allow far more, and a shorter query fails less at once. */
export const ISSUES_PER_QUERY = 100;

/** One GraphQL query for many issues, and which alias answers for which issue. */
export interface IssueStatesQuery {
  readonly query: string;
  readonly asked: readonly { readonly repoAlias: string; readonly issueAlias: string; readonly ref: IssueRef }[];
}

/**
 * The GraphQL queries for the state of many issues: one per ISSUES_PER_QUERY, every repository an alias
 * (`r0`), every issue in it an alias (`i12`), so hundreds of follow-ups cost one request, not one each.
 * Owner and repository names are those GitHub allows (letters, digits, `.`, `-`, `_`): nothing to escape.
 */
export function issueStatesQueries(refs: readonly IssueRef[]): IssueStatesQuery[] {
  const unique = [...new Map(refs.map((r) => [issueKey(r), r])).values()];
  const queries: IssueStatesQuery[] = [];
  for (let i = 0; i < unique.length; i += ISSUES_PER_QUERY) {
    const byRepo = new Map<string, IssueRef[]>();
    for (const ref of unique.slice(i, i + ISSUES_PER_QUERY)) {
      const key = repoName(ref).toLowerCase();
      byRepo.set(key, [...(byRepo.get(key) ?? []), ref]);
    }
    const asked: IssueStatesQuery['asked'][number][] = [];
    const repos = [...byRepo.values()].map((issues, r) => {
      const first = issues[0] as IssueRef;
      const fields = issues.map((ref) => {
        asked.push({ repoAlias: `r${r}`, issueAlias: `i${ref.number}`, ref });
        return `i${ref.number}: issue(number: ${ref.number}) { number title url state createdAt closedAt assignees(first: 1) { nodes { login } } }`;
      });
      return `r${r}: repository(owner: "${first.owner}", name: "${first.repo}") { ${fields.join(' ')} }`;
    });
    queries.push({ query: `query { ${repos.join(' ')} }`, asked });
  }
  return queries;
}

interface IssueNode {
  readonly title?: string;
  readonly url?: string;
  readonly state?: string;
  readonly createdAt?: string;
  readonly closedAt?: string | null;
  readonly assignees?: { readonly nodes?: readonly ({ readonly login?: string } | null)[] };
}

/** The states in one query's answer, by issueKey; an issue GitHub did not find (or cannot show you) is absent. */
export function readIssueStates(query: IssueStatesQuery, data: unknown): Map<string, IssueState> {
  const states = new Map<string, IssueState>();
  const answer = (data ?? {}) as Record<string, Record<string, IssueNode | null> | null | undefined>;
  for (const { repoAlias, issueAlias, ref } of query.asked) {
    const node = answer[repoAlias]?.[issueAlias];
    if (!node?.url || !node.state) continue;
    const assignee = node.assignees?.nodes?.find((n) => n?.login)?.login;
    states.set(issueKey(ref), {
      url: node.url,
      title: node.title ?? '',
      state: node.state.toUpperCase() === 'CLOSED' ? 'closed' : 'open',
      ...(assignee ? { assignee } : {}),
      ...(node.createdAt ? { createdAt: node.createdAt } : {}),
      ...(node.closedAt ? { closedAt: node.closedAt } : {}),
    });
  }
  return states;
}
