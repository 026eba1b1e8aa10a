import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeGitHub, generatePullRequests } from '../fakes/github/fakeGitHub';
import { readText, rejection, workspaceFolder } from './helpers';

const FROM = '2026-03-01T00:00:00Z';
const TO = '2026-03-02T00:00:00Z';
type Result = { repo: string; number: number; title: string; author: string; mergedAt: string; url: string; labels: string[] };

describe('Recent changes: merged-PR search against a local fake GitHub', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  const config = () => vscode.workspace.getConfiguration('runbook');
  const search = (args: Record<string, unknown> = {}) => vscode.commands.executeCommand<Result[]>('runbook.searchMergedPullRequests', { repos: ['acme/store'], from: FROM, to: TO, ...args });

  before(async () => {
    await github.start();
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('github.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.stop();
  });
  beforeEach(() => github.requests.splice(0));

  it('finds the 5 PRs merged in the window, with their details', async () => {
    github.setPullRequests([
      ...generatePullRequests(5, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada', 'grace'] }),
      { repo: 'acme/store', number: 1, title: 'Before the window', author: 'ada', mergedAt: '2026-02-28T12:00:00Z' },
      { repo: 'acme/other', number: 2, title: 'Other repository', author: 'ada', mergedAt: '2026-03-01T12:00:00Z' },
    ]);
    const results = await search();
    assert.equal(results.length, 5);
    assert.deepEqual(Object.keys(results[0] ?? {}).sort(), ['author', 'labels', 'mergedAt', 'number', 'repo', 'title', 'url']);
    assert.match(results[0]?.url ?? '', /^https:\/\/github\.com\/acme\/store\/pull\/\d+$/);
    assert.match(github.requests[0]?.query ?? '', /^is:pr is:merged repo:acme\/store merged:2026-03-01T00:00:00Z\.\.2026-03-02T00:00:00Z$/);
    assert.match(github.requests[0]?.url ?? '', /advanced_search=true/);
  });

  it('returns all 2,500 PRs of a window over the 1,000-result cap, without duplicates', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    const results = await search();
    assert.equal(results.length, 2500);
    assert.equal(new Set(results.map((r) => r.number)).size, 2500);
    assert.ok(github.requests.length <= 40, `${github.requests.length} requests`);
  });

  it('splits seven authors over two queries within GitHub\'s limits', async () => {
    github.setPullRequests(generatePullRequests(14, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'] }));
    const results = await search({ authors: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'] });
    assert.equal(results.length, 14);
    assert.equal(new Set(github.requests.map((r) => r.query)).size, 2);
  });

  it('names each failure: 401, 422 with the query, server errors, dropped connections', async () => {
    github.setPullRequests([]);
    github.injectFaults({ kind: 'status', status: 401 });
    assert.match(await rejection(search()), /credentials \(401\)/);
    github.injectFaults({ kind: 'status', status: 422, message: 'Validation Failed' });
    assert.match(await rejection(search()), /refused the query \(422\): Validation Failed\. Query: is:pr is:merged repo:acme\/store/);
    github.injectFaults({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    assert.match(await rejection(search()), /GitHub failed \(500\)/);
    github.injectFaults({ kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' });
    assert.match(await rejection(search()), /Cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('retries a rate-limited request once, as the headers ask', async () => {
    github.setPullRequests(generatePullRequests(3, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    github.injectFaults({ kind: 'status', status: 429, resetInSeconds: 1 });
    const results = await search();
    assert.equal(results.length, 3);
    assert.equal(github.requests.length, 2);
  });

  it('stops its requests when cancelled (a newer search cancels the running one)', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    github.latencyMs = 300;
    try {
      const first = search();
      await new Promise((r) => setTimeout(r, 1000));
      const second = search({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:05:00Z' });
      const partial = await first;
      assert.ok(partial.length < 2500, `the cancelled search returned ${partial.length}`);
      await second;
      const settled = github.requests.length;
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(github.requests.length, settled, 'no request after the cancellation');
    } finally {
      github.latencyMs = 0;
    }
  });

  it('sends the token only to the host of the user settings, never to one set by the workspace', async () => {
    const intruder = await new FakeGitHub().start();
    const settings = vscode.Uri.joinPath(workspaceFolder().uri, '.vscode', 'settings.json');
    try {
      await vscode.commands.executeCommand('runbook.setGitHubToken', 'test-token-123');
      await vscode.workspace.fs.writeFile(settings, new TextEncoder().encode(JSON.stringify({ 'runbook.github.baseUrl': intruder.baseUrl })));
      await new Promise((r) => setTimeout(r, 500));
      github.setPullRequests(generatePullRequests(2, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
      await search();
      assert.equal(intruder.requests.length, 0, 'nothing reaches the workspace-configured host');
      assert.equal(github.requests[0]?.authorization, 'token test-token-123');
    } finally {
      await vscode.commands.executeCommand('runbook.setGitHubToken', '');
      await vscode.workspace.fs.delete(settings);
      await intruder.stop();
    }
  });

  it('writes the changes as an escaped table under Recent Changes of the incident', async () => {
    github.setPullRequests([{ repo: 'acme/store', number: 42, title: 'Fix | pipes `ticks` <script>alert(1)</script>', author: 'ada', mergedAt: '2026-03-01T10:00:00Z' }]);
    const record = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title: 'Changes table', startedAt: '2026-03-01T12:00:00Z' });
    try {
      await vscode.commands.executeCommand('runbook.insertRecentChanges', { repos: ['acme/store'], from: FROM, to: TO });
      const text = await readText(record);
      assert.match(text, /## Recent Changes\n_Searched .*: 1 merged pull request\._\n\n\| Merged at \| Pull request \| Title \| Author \|\n\| --- \| --- \| --- \| --- \|\n\| 2026-03-01 10:00 UTC \(−2h 00m\) \| \[acme\/store#42\]\(https:\/\/github\.com\/acme\/store\/pull\/42\) \| Fix \\\| pipes \\`ticks\\` &lt;script&gt;alert\(1\)&lt;\/script&gt; \| ada \|\n/);
    } finally {
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    }
  });
});
