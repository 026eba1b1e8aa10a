import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { FakeGitHub } from '../fakes/github/fakeGitHub';

const TEXT = '# Incident traceability\n\n- Date:\n- Start time: TBD\n';
const PATH = '/repos/northwind-example/handbook/contents/templates/incident-traceability.md';

describe('fake GitHub: the contents API and raw addresses', () => {
  const github = new FakeGitHub();
  before(async () => {
    await github.start();
    github.setFiles([
      { repo: 'northwind-example/handbook', path: 'templates/incident-traceability.md', text: TEXT },
      { repo: 'northwind-example/handbook-sensitive', ref: 'release', path: 'Postmortems/_template.md', text: '# Post-mortem\n', private: true },
      { repo: 'other/site', path: 'page.md', text: '# Page', html: true },
      { repo: 'other/site', path: 'moved.md', text: '', redirectTo: 'http://elsewhere.example/x.md' },
    ]);
  });
  after(() => github.stop());
  beforeEach(() => github.requests.splice(0));
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${github.baseUrl}${path}`, { headers, redirect: 'manual' });

  it('answers the raw bytes with an ETag, then 304 for that ETag without counting it', async () => {
    const raw = await get(PATH, { accept: 'application/vnd.github.v3.raw' });
    assert.equal(raw.status, 200);
    assert.equal(await raw.text(), TEXT);
    const sha = createHash('sha1').update(`blob ${Buffer.byteLength(TEXT)}\0${TEXT}`).digest('hex');
    let gitSha = sha;
    try {
      gitSha = execFileSync('git', ['hash-object', '--stdin'], { input: TEXT }).toString().trim();
    } catch {
      // No git here: the formula above is git's.
    }
    assert.equal(sha, gitSha);
    assert.equal(raw.headers.get('etag'), `"${sha}"`);
    assert.equal(raw.headers.get('x-ratelimit-resource'), 'core');
    const remaining = Number(raw.headers.get('x-ratelimit-remaining'));
    const again = await get(PATH, { accept: 'application/vnd.github.raw', 'if-none-match': `"${sha}"` });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const third = await get(PATH, { accept: 'application/vnd.github.raw' });
    await third.text();
    assert.equal(Number(third.headers.get('x-ratelimit-remaining')), remaining - 1, 'the 304 cost nothing');
    assert.deepEqual(github.requests.map((r) => [r.path, r.ifNoneMatch, r.status]), [[PATH, undefined, 200], [PATH, `"${sha}"`, 304], [PATH, undefined, 200]]);
  });

  it('answers the JSON object by default, with the content in base64 and the blob SHA', async () => {
    const response = await get(`${PATH}?ref=main`);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.type, 'file');
    assert.equal(body.encoding, 'base64');
    assert.equal(Buffer.from(String(body.content), 'base64').toString(), TEXT);
    assert.equal(body.name, 'incident-traceability.md');
    assert.equal(body.size, Buffer.byteLength(TEXT));
    assert.equal(body.sha, createHash('sha1').update(`blob ${Buffer.byteLength(TEXT)}\0${TEXT}`).digest('hex'));
  });

  it('answers 404 for an unknown ref or path, and for a private repository without credentials', async () => {
    assert.equal((await get(`${PATH}?ref=develop`)).status, 404);
    assert.equal((await get('/repos/northwind-example/handbook/contents/nope.md')).status, 404);
    const privatePath = '/repos/northwind-example/handbook-sensitive/contents/Postmortems/_template.md?ref=release';
    const anonymous = await get(privatePath);
    assert.equal(anonymous.status, 404);
    assert.deepEqual(await anonymous.json(), { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' });
    assert.equal((await get(privatePath, { authorization: 'token x' })).status, 200);
    assert.deepEqual(github.requests.map((r) => Boolean(r.authorization)), [false, false, false, true]);
  });

  it('serves raw addresses as text, as a web page, or as a redirect to another host', async () => {
    const raw = await get('/northwind-example/handbook/raw/main/templates/incident-traceability.md');
    assert.equal(raw.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await raw.text(), TEXT);
    const page = await get('/other/site/raw/main/page.md');
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /^<!DOCTYPE html>/);
    const moved = await get('/other/site/raw/main/moved.md');
    assert.equal(moved.status, 302);
    assert.equal(moved.headers.get('location'), 'http://elsewhere.example/x.md');
  });
});
