import { type IssueRef, parseIssueUrl } from '../../core/followUps/issueRefs';
import { type IssueState, issueStatesQueries, readIssueStates } from '../../core/followUps/issueStates';
import { type GitHubClient, GitHubError, githubBaseUrl } from '../changes/githubClient';

export interface NewIssue {
  readonly owner: string;
  readonly repo: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
}

/** Why GitHub refused an issue: for a 422, the labels and assignees it named. */
export class IssueRefused extends GitHubError {
  constructor(
    message: string,
    readonly missingLabels: readonly string[] = [],
    readonly unknownAssignees: readonly string[] = [],
  ) {
    super(message, 'query');
  }
}

interface IssueJson {
  readonly number: number;
  readonly html_url: string;
  readonly title: string;
  readonly state?: string;
  readonly created_at?: string;
  readonly closed_at?: string | null;
  readonly assignees?: readonly { readonly login?: string }[];
}

/** An issue GitHub answered with, and its state then. */
export type AnsweredIssue = IssueRef & { readonly title: string; readonly state: IssueState };

function answered(data: IssueJson, fallback: { owner: string; repo: string }): AnsweredIssue {
  const ref = parseIssueUrl(data.html_url) ?? { ...fallback, number: data.number, url: data.html_url };
  const assignee = data.assignees?.find((a) => a.login)?.login;
  const state: IssueState = {
    url: ref.url,
    title: data.title,
    state: data.state === 'closed' ? 'closed' : 'open',
    ...(assignee ? { assignee } : {}),
    ...(data.created_at ? { createdAt: data.created_at } : {}),
    ...(data.closed_at ? { closedAt: data.closed_at } : {}),
  };
  return { ...ref, title: data.title, state };
}

/**
 * The Issues API through the extension's one GitHub client (its token, base URL, retries and log):
 * creating an issue, a repository's labels, finding an issue by its marker, and many issues' states at once.
 */
export class GitHubIssues {
  constructor(private readonly client: GitHubClient) {}

  /** Creates the issue, never twice: a failed answer is not retried. */
  async create(issue: NewIssue, signal?: AbortSignal): Promise<AnsweredIssue> {
    const where = `${issue.owner}/${issue.repo}`;
    const { data } = await this.client.rest<IssueJson>(
      'POST /repos/{owner}/{repo}/issues',
      { owner: issue.owner, repo: issue.repo, title: issue.title, body: issue.body, ...(issue.labels.length ? { labels: [...issue.labels] } : {}), ...(issue.assignees.length ? { assignees: [...issue.assignees] } : {}) },
      { what: `create an issue in ${where}`, retries: 0, ...(signal ? { signal } : {}), explain: ({ status, data, auth }) => refusal(status, data, where, auth.source) },
    );
    return answered(data, issue);
  }

  /** Every label of the repository, by name. */
  async labels(owner: string, repo: string): Promise<string[]> {
    const labels = await this.client.paginate<{ name: string }>('GET /repos/{owner}/{repo}/labels', { owner, repo }, { what: `the labels of ${owner}/${repo}`, explain: ({ status, data, auth }) => (status === 404 ? refusal(status, data, `${owner}/${repo}`, auth.source) : undefined) });
    return labels.map((l) => l.name);
  }

  /** The issue of the repository whose body holds the marker (a teammate's run for the same item), if any. */
  async findByMarker(owner: string, repo: string, marker: string): Promise<AnsweredIssue | undefined> {
    const text = marker.replace(/^<!--\s*|\s*-->$/g, '');
    const { data } = await this.client.rest<{ items: IssueJson[] }>('GET /search/issues', { q: `repo:${owner}/${repo} is:issue in:body "${text}"`, per_page: 5 }, { what: `search ${owner}/${repo} for "${text}"` });
    const found = data.items[0];
    return found ? answered(found, { owner, repo }) : undefined;
  }

  /** The states of many issues in one GraphQL request per hundred; those GitHub does not show are absent, with why. */
  async states(refs: readonly IssueRef[], signal?: AbortSignal): Promise<{ states: Map<string, IssueState>; problems: string[] }> {
    const states = new Map<string, IssueState>();
    const problems: string[] = [];
    for (const query of issueStatesQueries(refs)) {
      const answer = await this.client.graphql(query.query, { what: 'the state of follow-up issues', ...(signal ? { signal } : {}) });
      for (const [key, state] of readIssueStates(query, answer.data)) states.set(key, state);
      problems.push(...answer.errors.map((e) => e.message));
    }
    return { states, problems };
  }
}

/** A refusal in words a person can act on: the missing labels or unknown assignees (422), no write access (403), no such repository or no access (404). */
function refusal(status: number, data: unknown, where: string, source: 'session' | 'secret' | 'anonymous'): GitHubError | undefined {
  const body = (data ?? {}) as { message?: string; errors?: { resource?: string; field?: string; code?: string; value?: string; message?: string }[] };
  if (status === 401) return new GitHubError(`GitHub wants you signed in to change ${where} (401): sign in to GitHub, or set a token with "Runbook: Set GitHub Token…".`, 'auth');
  if (status === 403) return new GitHubError(`You cannot create issues in ${where} (403: ${body.message ?? 'Forbidden'}): ask for write access, or use a token with the repo (issues: write) permission.`, 'auth');
  if (status === 404) return new GitHubError(`${where} was not found on ${githubBaseUrl()}, or your GitHub ${source === 'anonymous' ? 'sign-in is needed' : source === 'session' ? 'account has no access to it' : 'token has no access to it'}.`, source === 'anonymous' ? 'auth' : 'missing');
  if (status === 410) return new GitHubError(`${where} has issues turned off (410).`, 'missing');
  if (status !== 422) return undefined;
  const errors = body.errors ?? [];
  const labels = errors.filter((e) => e.field === 'labels' || e.resource === 'Label').map((e) => e.value ?? '').filter(Boolean);
  const assignees = errors.filter((e) => e.field === 'assignees').map((e) => e.value ?? '').filter(Boolean);
  const parts = [
    ...(labels.length ? [`the label${labels.length > 1 ? 's' : ''} ${labels.join(', ')} ${labels.length > 1 ? 'do' : 'does'} not exist in ${where}`] : []),
    ...(assignees.length ? [`${assignees.join(', ')} cannot be assigned in ${where}`] : []),
    ...errors.filter((e) => e.field !== 'labels' && e.resource !== 'Label' && e.field !== 'assignees').map((e) => e.message ?? `${e.field ?? 'a field'} is ${e.code ?? 'invalid'}`),
  ];
  return new IssueRefused(`GitHub refused the issue (422): ${parts.join('; ') || body.message || 'Validation Failed'}.`, labels, assignees);
}
