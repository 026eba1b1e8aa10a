// The fake GitHub's file routes: the REST contents API (raw and JSON media types, ETag and 304,
// private repositories, directory listings) and a web host's `/OWNER/REPO/raw/REF/PATH` addresses.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeFile {
  /** `owner/name`. */
  readonly repo: string;
  /** Default 'main'. */
  readonly ref?: string;
  readonly path: string;
  readonly text: string;
  /** Answers 404 to a request without an Authorization header, as GitHub does for a private repository. */
  readonly private?: boolean;
  /** The raw address answers a web page (text/html) around the text instead of the raw content. */
  readonly html?: boolean;
  /** The raw address answers 302 with this Location. */
  readonly redirectTo?: string;
}

/** `git hash-object`: the blob SHA GitHub gives a file's content. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

const CONTENTS = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/;
const RAW = /^\/([^/]+)\/([^/]+)\/raw\/([^/]+)\/(.+)$/;

export type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

function find(files: readonly FakeFile[], repo: string, ref: string, path: string, authorized: boolean): FakeFile | undefined {
  const file = files.find((f) => f.repo.toLowerCase() === repo.toLowerCase() && (f.ref ?? 'main') === ref && f.path === path);
  return file && (!file.private || authorized) ? file : undefined;
}

/** Whether this is a contents request; answers it if so (a 304 with no body). */
export function handleContents(req: IncomingMessage, res: ServerResponse, url: URL, files: readonly FakeFile[], send: Send, webBase: string): boolean {
  const match = CONTENTS.exec(url.pathname);
  if (!match) return false;
  const [, owner = '', repo = '', encodedPath = ''] = match;
  const path = encodedPath.split('/').map(decodeURIComponent).join('/');
  const ref = url.searchParams.get('ref') ?? 'main';
  const file = find(files, `${decodeURIComponent(owner)}/${decodeURIComponent(repo)}`, ref, path, Boolean(req.headers.authorization));
  if (!file) {
    const listing = listDirectory(files, `${decodeURIComponent(owner)}/${decodeURIComponent(repo)}`, ref, path.replace(/\/+$/, ''), Boolean(req.headers.authorization), url.origin, webBase);
    if (listing) answerListing(req, res, listing, send);
    else send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' });
    return true;
  }
  const content = Buffer.from(file.text, 'utf8');
  const sha = gitBlobSha(content);
  const etag = `"${sha}"`;
  const accept = req.headers.accept ?? '';
  const raw = /application\/vnd\.github(?:\.v3)?\.raw/i.test(accept);
  // The representation is part of the tag, as on GitHub: a raw tag does not validate the JSON.
  const tag = raw ? etag : `"${sha}-json"`;
  if (matchesTag(req.headers['if-none-match'], tag)) {
    res.writeHead(304, { etag: tag });
    res.end();
    return true;
  }
  if (raw) {
    res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8', etag: tag, 'content-length': String(content.length) });
    res.end(content);
    return true;
  }
  const name = file.path.split('/').pop() ?? file.path;
  const htmlUrl = `${webBase}/${file.repo}/blob/${file.ref ?? 'main'}/${file.path}`;
  send(
    200,
    { type: 'file', encoding: 'base64', size: content.length, name, path: file.path, content: content.toString('base64'), sha, url: url.toString(), html_url: htmlUrl, git_url: null, download_url: `${webBase}/${file.repo}/raw/${file.ref ?? 'main'}/${file.path}` },
    { etag: tag },
  );
  return true;
}

interface DirectoryEntry {
  readonly type: 'file' | 'dir';
  readonly name: string;
  readonly path: string;
  readonly sha: string;
  readonly size: number;
  readonly url: string;
  readonly html_url: string;
  readonly git_url: null;
  readonly download_url: string | null;
}

/**
 * What GitHub answers for a folder: its files and its folders, one level (a folder is `type: 'dir'`),
 * sorted by name; undefined when no file the request can see is under it.
 */
function listDirectory(files: readonly FakeFile[], repo: string, ref: string, dir: string, authorized: boolean, apiBase: string, webBase: string): DirectoryEntry[] | undefined {
  const prefix = `${dir}/`;
  const under = files.filter((f) => f.repo.toLowerCase() === repo.toLowerCase() && (f.ref ?? 'main') === ref && f.path.startsWith(prefix) && (!f.private || authorized));
  const first = under[0];
  if (!first || !dir) return undefined;
  const entries = new Map<string, DirectoryEntry>();
  for (const file of under) {
    const rest = file.path.slice(prefix.length);
    const name = rest.split('/')[0] ?? rest;
    const path = `${prefix}${name}`;
    const isFile = name === rest;
    if (entries.has(name)) continue;
    const content = Buffer.from(file.text, 'utf8');
    entries.set(name, {
      type: isFile ? 'file' : 'dir',
      name,
      path,
      sha: isFile ? gitBlobSha(content) : createHash('sha1').update(`tree ${first.repo}:${ref}:${path}`).digest('hex'),
      size: isFile ? content.length : 0,
      url: `${apiBase}/repos/${first.repo}/contents/${path.split('/').map(encodeURIComponent).join('/')}?ref=${encodeURIComponent(ref)}`,
      html_url: `${webBase}/${first.repo}/${isFile ? 'blob' : 'tree'}/${ref}/${path}`,
      git_url: null,
      download_url: isFile ? `${webBase}/${first.repo}/raw/${ref}/${path}` : null,
    });
  }
  return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A folder's listing as JSON, whatever media type was asked for (as GitHub does), with an ETag and 304. */
function answerListing(req: IncomingMessage, res: ServerResponse, listing: readonly DirectoryEntry[], send: Send): void {
  const tag = `"${createHash('sha1').update(JSON.stringify(listing.map((e) => [e.type, e.path, e.sha]))).digest('hex')}"`;
  if (matchesTag(req.headers['if-none-match'], tag)) {
    res.writeHead(304, { etag: tag });
    res.end();
  } else {
    send(200, listing, { etag: tag });
  }
}

/** A web host's raw address: the text as text/plain (or a web page, or a redirect, as the file says). Anonymous unless the file is private. */
export function handleRaw(req: IncomingMessage, res: ServerResponse, url: URL, files: readonly FakeFile[]): boolean {
  const match = RAW.exec(url.pathname);
  if (!match) return false;
  const [, owner = '', repo = '', ref = '', path = ''] = match.map((part) => decodeURIComponent(part));
  const file = find(files, `${owner}/${repo}`, ref, path, Boolean(req.headers.authorization));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('404: Not Found');
  } else if (file.redirectTo) {
    res.writeHead(302, { location: file.redirectTo });
    res.end();
  } else if (file.html) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html>\n<html><head><title>${file.path}</title></head><body><pre>${file.text}</pre></body></html>\n`);
  } else {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(file.text);
  }
  return true;
}

function matchesTag(header: string | string[] | undefined, tag: string): boolean {
  if (!header) return false;
  const given = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return given.includes(tag) || given.includes('*');
}
