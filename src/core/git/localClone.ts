/** A repository a remote URL names: `https://HOST/OWNER/REPO(.git)`, `git@HOST:OWNER/REPO(.git)`, `ssh://git@HOST(:PORT)/OWNER/REPO(.git)`. */
export interface RemoteRepository {
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
}

const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):\/?([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/;

export function parseRemoteUrl(url: string): RemoteRepository | undefined {
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return undefined;
    }
    const [owner, repo] = parsed.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
    return owner && repo && !parsed.pathname.replace(/^\/+|\/+$/g, '').split('/')[2] ? { host: parsed.hostname.toLowerCase(), owner, repo } : undefined;
  }
  const scp = SCP_LIKE.exec(trimmed);
  return scp?.[1] && scp[2] && scp[3] ? { host: scp[1].toLowerCase(), owner: scp[2], repo: scp[3] } : undefined;
}

/** Every `url =` of every `[remote "…"]` section of a git config. */
export function remoteUrls(config: string): string[] {
  return gitRemotes(config).map((r) => r.url);
}

/** The remotes of a git config: each `[remote "NAME"]` section's `url =` lines. */
export function gitRemotes(config: string): { readonly name: string; readonly url: string }[] {
  const remotes: { name: string; url: string }[] = [];
  let name: string | undefined;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]*)\]/.exec(line);
    if (section) name = /^remote\s+"([^"]*)"/.exec(section[1] ?? '')?.[1];
    else if (name !== undefined) {
      const url = /^\s*url\s*=\s*(.*?)\s*$/.exec(line)?.[1];
      if (url) remotes.push({ name, url: url.replace(/^"|"$/g, '') });
    }
  }
  return remotes;
}

/** The web address of a file on a branch of a repository: `https://HOST/OWNER/REPO/blob/BRANCH/PATH`, each segment escaped. */
export function blobUrl(remote: RemoteRepository, branch: string, path: string): string {
  const segments = (text: string) => text.split('/').map(encodeURIComponent).join('/');
  return `https://${remote.host}/${remote.owner}/${remote.repo}/blob/${segments(branch)}/${segments(path)}`;
}

/** What `.git/HEAD` says is checked out: a branch, or a detached commit. */
export type Head = { readonly branch: string } | { readonly commit: string };

export function parseHead(text: string): Head | undefined {
  const trimmed = text.trim();
  const branch = /^ref:\s*refs\/heads\/(.+)$/.exec(trimmed)?.[1];
  if (branch) return { branch };
  return /^[0-9a-f]{40}$/i.test(trimmed) ? { commit: trimmed.toLowerCase() } : undefined;
}

/** `gitdir: PATH` of a worktree's (or submodule's) `.git` file. */
export function parseGitFile(text: string): string | undefined {
  return /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1];
}

/** The commit a branch points at, from `packed-refs`. */
export function packedRef(packed: string, ref: string): string | undefined {
  for (const line of packed.split(/\r?\n/)) {
    const [sha, name] = line.trim().split(/\s+/);
    if (name === ref && sha && /^[0-9a-f]{40}$/i.test(sha)) return sha.toLowerCase();
  }
  return undefined;
}

/**
 * Whether a link's ref names what is checked out: the branch (as `main` or `refs/heads/main`),
 * or the HEAD commit (in full, or abbreviated to at least 7 hex digits).
 */
export function refIsCheckedOut(ref: string, head: Head, commit: string | undefined): boolean {
  if ('branch' in head && (ref === head.branch || ref === `refs/heads/${head.branch}`)) return true;
  const sha = 'commit' in head ? head.commit : commit;
  return Boolean(sha && /^[0-9a-f]{7,40}$/i.test(ref) && sha.startsWith(ref.toLowerCase()));
}
