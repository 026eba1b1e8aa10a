import * as vscode from 'vscode';
import { isIssueTemplateFile, type RunbookIssueTemplate } from '../../core/followUps/runbookIssueTemplates';
import { MAX_TEMPLATE_BYTES } from '../../core/templates/checkTemplate';
import { gitHubWebHost, isOnConfiguredGitHub, parseTemplateLink } from '../../core/templates/templateSource';
import { type GitHubClient, GitHubError, githubBaseUrl } from '../changes/githubClient';
import { localCloneFile, localRepositoryFolder } from '../templates/localRepository';
import { readTextFile } from '../workspaceFiles';

const TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';
const FETCH_TIMEOUT_MS = 10_000;
const RECENT_MS = 60_000;

/** An issue template a person can choose: the runbook's link or a file of the repository's template folder. */
export interface IssueTemplateChoice {
  /** The file name. */
  readonly name: string;
  /** How the template is given again (to runbook.createIssue, in the draft): its link, or its path in the repository. */
  readonly location: string;
  readonly fromRunbook: boolean;
}

/**
 * Issue templates of a repository: read from a workspace folder that is a clone of it (no request), else
 * through the GitHub client (the contents API, raw), from the configured GitHub only.
 */
export class IssueTemplates {
  /** Templates read in the last minute: creating issues for ten action items reads the template once. */
  private readonly recent = new Map<string, { readonly at: number; readonly read: Promise<{ readonly name: string; readonly text: string }> }>();

  constructor(private readonly client: GitHubClient) {}

  /** The runbook's linked templates for the repository first, then the repository's own (`.github/ISSUE_TEMPLATE/`). A folder that cannot be listed gives its reason. */
  async list(owner: string, repo: string, linked: readonly RunbookIssueTemplate[]): Promise<{ choices: IssueTemplateChoice[]; problem?: string }> {
    const mine = linked.filter((t) => t.source.owner.toLowerCase() === owner.toLowerCase() && t.source.repo.toLowerCase() === repo.toLowerCase());
    const choices: IssueTemplateChoice[] = mine.map((t) => ({ name: fileName(t.source.path), location: t.href, fromRunbook: true }));
    const seen = new Set(mine.map((t) => fileName(t.source.path).toLowerCase()));
    const add = (name: string) => !seen.has(name.toLowerCase()) && isIssueTemplateFile(name) && choices.push({ name, location: `${TEMPLATE_DIR}/${name}`, fromRunbook: false });
    try {
      (await this.folderFiles(owner, repo)).forEach(add);
      return { choices };
    } catch (error) {
      return { choices, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * A template's text. `location` is a link to an issue template (on the configured GitHub) or a path in
   * `owner/repo` (a bare file name is looked for in `.github/ISSUE_TEMPLATE/`). Throws a message naming it.
   */
  read(location: string, owner: string, repo: string): Promise<{ readonly name: string; readonly text: string }> {
    const key = `${owner}/${repo}\n${location}`.toLowerCase();
    const cached = this.recent.get(key);
    if (cached && Date.now() - cached.at < RECENT_MS) return cached.read;
    const read = this.readNow(location, owner, repo);
    this.recent.set(key, { at: Date.now(), read });
    read.catch(() => this.recent.delete(key));
    return read;
  }

  private async readNow(location: string, owner: string, repo: string): Promise<{ readonly name: string; readonly text: string }> {
    const source = /^https?:\/\//i.test(location) ? parseTemplateLink(location) : undefined;
    if (source) {
      if (!isOnConfiguredGitHub(source, githubBaseUrl())) throw new Error(`template: ${location} is not a file on your GitHub (${gitHubWebHost(githubBaseUrl())}); link a .github/ISSUE_TEMPLATE file there, or give its path`);
      const local = await localCloneFile(source);
      const text = local ? await readTextFile(local) : await this.fetch(source.owner, source.repo, source.path, source.ref);
      return { name: fileName(source.path), text };
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(location)) throw new Error(`template: ${location} is not an http(s) link or a path`);
    const path = location.includes('/') ? location.replace(/^\/+/, '') : `${TEMPLATE_DIR}/${location}`;
    const folder = await localRepositoryFolder(gitHubWebHost(githubBaseUrl()), owner, repo);
    if (folder) {
      try {
        return { name: fileName(path), text: await readTextFile(vscode.Uri.joinPath(folder.uri, ...path.split('/'))) };
      } catch {
        throw new Error(`template: ${path} is not in ${folder.name} (the open clone of ${owner}/${repo})`);
      }
    }
    return { name: fileName(path), text: await this.fetch(owner, repo, path, '') };
  }

  private async fetch(owner: string, repo: string, path: string, ref: string): Promise<string> {
    const result = await this.client.getContent({ owner, repo, path, ref, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), maxBytes: MAX_TEMPLATE_BYTES });
    if (result.status !== 200) throw new Error(`template: ${owner}/${repo}/${path} answered 304 without a cached copy`);
    if (result.text.length > MAX_TEMPLATE_BYTES) throw new Error(`template: ${path} is larger than 1 MB`);
    return result.text;
  }

  private async folderFiles(owner: string, repo: string): Promise<string[]> {
    const folder = await localRepositoryFolder(gitHubWebHost(githubBaseUrl()), owner, repo);
    if (folder) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, ...TEMPLATE_DIR.split('/')));
        return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name).sort();
      } catch {
        return [];
      }
    }
    const { data } = await this.client.rest<unknown>('GET /repos/{owner}/{repo}/contents/{+path}', { owner, repo, path: TEMPLATE_DIR }, {
      what: `the issue templates of ${owner}/${repo}`,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      // No template folder: the repository has no templates, which is not a failure.
      explain: ({ status }) => (status === 404 ? new EmptyFolder() : undefined),
    }).catch((error: unknown) => {
      if (error instanceof EmptyFolder) return { data: [] };
      throw error;
    });
    return (Array.isArray(data) ? (data as { type?: string; name?: string }[]) : []).filter((f) => f.type === 'file' && f.name).map((f) => f.name as string).sort();
  }
}

class EmptyFolder extends GitHubError {
  constructor() {
    super('no issue template folder', 'missing');
  }
}

function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}
