/** The two documents a runbook links a team template for. */
export type TemplateKind = 'traceability' | 'postmortem';

/**
 * Where a template comes from:
 * - `path`: a file in the workspace, as written: relative to the runbook's folder, or to the
 *   workspace folder's root when it starts with `/` (as GitHub reads such a link);
 * - `github`: a file in a GitHub (or GitHub Enterprise) repository at a ref, from a `blob` or `raw` URL;
 * - `url`: any other http(s) address, fetched anonymously;
 * - `builtin`: the extension's own template.
 */
export type TemplateSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'github'; readonly url: string; readonly host: string; readonly owner: string; readonly repo: string; readonly ref: string; readonly path: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'builtin' };

/** Why this source was chosen: the order of precedence. */
export type TemplateOrigin = 'argument' | 'setting' | 'runbook' | 'builtin';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const RAW_CONTENT_HOST = 'raw.githubusercontent.com';
/** How the built-in template is written where a template is asked for (the form, an argument). */
const BUILT_IN = 'built-in';

/**
 * Reads a template link or setting: a GitHub `blob`/`raw` URL (github.com, GitHub Enterprise,
 * raw.githubusercontent.com), another http(s) URL, or a workspace path. Undefined for an empty
 * text or a scheme that is not http(s) (`javascript:`, `file:`): those are never fetched.
 */
export function parseTemplateLink(text: string): TemplateSource | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (trimmed.toLowerCase() === BUILT_IN) return { kind: 'builtin' };
  if (!SCHEME.test(trimmed)) return { kind: 'path', path: trimmed.replace(/[?#].*$/s, '') };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return gitHubFile(url, trimmed) ?? { kind: 'url', url: trimmed };
}

/** `https://HOST/OWNER/REPO/blob|raw/REF/PATH`, `https://raw.githubusercontent.com/OWNER/REPO/REF/PATH`, GitHub Enterprise's `https://HOST/raw/OWNER/REPO/REF/PATH`. */
function gitHubFile(url: URL, text: string): TemplateSource | undefined {
  const segments = url.pathname.split('/').slice(1).map(decodeSegment);
  if (segments.some((s) => s === undefined)) return undefined;
  const parts = segments as string[];
  const host = url.host.toLowerCase();
  let owner: string | undefined, repo: string | undefined, ref: string | undefined, path: string[];
  if (host === RAW_CONTENT_HOST || host.startsWith('raw.')) {
    [owner, repo, ref, ...path] = skipRefsHeads(parts);
  } else if (parts[0] === 'raw' && parts.length >= 5 && parts[3] !== 'raw' && parts[3] !== 'blob') {
    [, owner, repo, ref, ...path] = skipRefsHeads(parts, 1);
  } else if (parts[2] === 'blob' || parts[2] === 'raw') {
    [owner, repo, , ref, ...path] = skipRefsHeads(parts, 3);
  } else {
    return undefined;
  }
  if (!owner || !repo || !ref || !path.length || path.some((p) => !p)) return undefined;
  const webHost = host === RAW_CONTENT_HOST ? 'github.com' : host.startsWith('raw.') ? host.slice(4) : host;
  return { kind: 'github', url: text, host: webHost, owner, repo, ref, path: path.join('/') };
}

/** raw.githubusercontent.com also writes the ref as `refs/heads/main`: keep it whole. */
function skipRefsHeads(parts: string[], refAt = 2): string[] {
  if (parts[refAt] === 'refs' && (parts[refAt + 1] === 'heads' || parts[refAt + 1] === 'tags') && parts.length > refAt + 3) {
    return [...parts.slice(0, refAt), parts.slice(refAt, refAt + 3).join('/'), ...parts.slice(refAt + 3)];
  }
  return parts;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The file name a person recognises: "incident_investigation_traceability_template.md", or "built-in template". */
export function templateName(source: TemplateSource): string {
  if (source.kind === 'builtin') return 'built-in template';
  const path = source.kind === 'url' ? new URL(source.url).pathname : source.path;
  return path.split('/').filter(Boolean).pop() ?? (source.kind === 'url' ? source.url : source.path);
}

/** The source as the team wrote it (the URL or the path), as recorded in the record's front matter. */
export function templateLocation(source: TemplateSource): string {
  return source.kind === 'builtin' ? BUILT_IN : source.kind === 'path' ? source.path : source.url;
}

/**
 * The web host a GitHub API base URL serves: api.github.com serves github.com, `https://HOST/api/v3`
 * serves GitHub Enterprise's HOST; any other base URL (a proxy, the local test server) stands in
 * for github.com. Only links to this host are fetched with the user's token.
 */
export function gitHubWebHost(apiBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    return 'github.com';
  }
  if (url.host.toLowerCase() === 'api.github.com') return 'github.com';
  if (/^\/api\/v3\/?$/i.test(url.pathname)) return url.host.toLowerCase();
  return 'github.com';
}

/** Whether the token may go with this source: it is a GitHub file on the host the configured API serves. */
export function isOnConfiguredGitHub(source: TemplateSource, apiBaseUrl: string): source is Extract<TemplateSource, { kind: 'github' }> {
  return source.kind === 'github' && source.host === gitHubWebHost(apiBaseUrl);
}

/**
 * The address an anonymous fetch reads for a source that is not on the configured GitHub:
 * a github.com file's raw.githubusercontent.com address, another host's `/raw/` form, a plain URL as is.
 */
export function anonymousRawUrl(source: TemplateSource): string | undefined {
  if (source.kind === 'url') return source.url;
  if (source.kind !== 'github') return undefined;
  const encoded = (text: string) => text.split('/').map(encodeURIComponent).join('/');
  const tail = `${encoded(source.owner)}/${encoded(source.repo)}`;
  const [ref, path] = [encoded(source.ref), encoded(source.path)];
  if (source.host === 'github.com') return `https://${RAW_CONTENT_HOST}/${tail}/${ref}/${path}`;
  const url = new URL(source.url);
  // Already a raw address on its own host (raw.HOST/…): as written.
  if (url.host.toLowerCase() !== source.host) return source.url;
  return `${url.protocol}//${url.host}/${tail}/raw/${ref}/${path}`;
}

/**
 * The order of precedence: the command's argument, then the setting, then the runbook's link,
 * then the built-in template. Returns every candidate in that order, so a failed one gives way to the next.
 */
export function templateCandidates(given: { argument?: string; setting?: string; runbookLink?: string }): { source: TemplateSource; origin: TemplateOrigin; written: string }[] {
  const candidates: { source: TemplateSource; origin: TemplateOrigin; written: string }[] = [];
  for (const origin of ['argument', 'setting', 'runbook'] as const) {
    const written = given[origin === 'runbook' ? 'runbookLink' : origin]?.trim();
    if (!written) continue;
    const source = parseTemplateLink(written);
    if (source) candidates.push({ source, origin, written });
  }
  candidates.push({ source: { kind: 'builtin' }, origin: 'builtin', written: 'built-in' });
  return candidates;
}
