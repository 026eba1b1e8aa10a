import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Fault, FakeGitHub, generatePullRequests } from '../fakes/github/fakeGitHub';
import { eventually, readText, rejection, workspaceFolder } from './helpers';

const FROM = '2026-03-01T00:00:00Z';
const TO = '2026-03-02T00:00:00Z';
type PullRequest = { repo: string; number: number; title: string; author: string; mergedAt: string; url: string; labels: string[] };
type Result = { status: 'complete' | 'partial' | 'superseded'; pullRequests: PullRequest[]; reason?: string };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Recent changes: merged-PR search against a local fake GitHub', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  const config = () => vscode.workspace.getConfiguration('runbook');
  const search = (args: Record<string, unknown> = {}) => vscode.commands.executeCommand<Result>('runbook.searchMergedPullRequests', { repos: ['acme/store'], from: FROM, to: TO, ...args });
  const insert = (args: Record<string, unknown> = {}) => vscode.commands.executeCommand<vscode.Uri | undefined>('runbook.insertRecentChanges', { repos: ['acme/store'], from: FROM, to: TO, ...args });
  const startIncident = (title: string, runbook?: string) => vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title, startedAt: '2026-03-01T12:00:00Z', ...(runbook ? { runbook } : {}) });
  const resolveIncident = () => vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  /** The text of the Recent Changes section, up to the next heading. */
  const recentChanges = async (record: vscode.Uri) => /## Recent Changes\n([^]*?)(?=\n## |$)/.exec(await readText(record))?.[1] ?? '';

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
    const { status, pullRequests: results } = await search();
    assert.equal(status, 'complete');
    assert.equal(results.length, 5);
    assert.deepEqual(Object.keys(results[0] ?? {}).sort(), ['author', 'labels', 'mergedAt', 'number', 'repo', 'title', 'url']);
    assert.match(results[0]?.url ?? '', /^https:\/\/github\.com\/acme\/store\/pull\/\d+$/);
    assert.match(github.requests[0]?.query ?? '', /^is:pr is:merged repo:acme\/store merged:2026-03-01T00:00:00Z\.\.2026-03-02T00:00:00Z$/);
    assert.match(github.requests[0]?.url ?? '', /advanced_search=true/);
  });

  it('returns all 2,500 PRs of a window over the 1,000-result cap, without duplicates', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    const results = (await search()).pullRequests;
    assert.equal(results.length, 2500);
    assert.equal(new Set(results.map((r) => r.number)).size, 2500);
    assert.ok(github.requests.length <= 40, `${github.requests.length} requests`);
  });

  it('splits seven authors over two queries within GitHub\'s limits', async () => {
    github.setPullRequests(generatePullRequests(14, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'] }));
    const results = (await search({ authors: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'] })).pullRequests;
    assert.equal(results.length, 14);
    assert.equal(new Set(github.requests.map((r) => r.query)).size, 2);
  });

  it('names each failure: 401, 422 with the query, server errors, dropped connections', async () => {
    github.setPullRequests([]);
    const failed = async (...faults: Fault[]) => {
      github.injectFaults(...faults);
      const result = await search();
      assert.equal(result.status, 'partial');
      return result.reason ?? '';
    };
    assert.match(await failed({ kind: 'status', status: 401 }), /credentials \(401\)/);
    assert.match(await failed({ kind: 'status', status: 422, message: 'Validation Failed' }), /refused the query \(422\): Validation Failed\. Query: is:pr is:merged repo:acme\/store/);
    assert.match(await failed(...Array<Fault>(4).fill({ kind: 'status', status: 500 })), /GitHub failed \(500\)/);
    assert.match(await failed(...Array<Fault>(4).fill({ kind: 'drop' })), /Cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+/);
  });

  // One failure, one message: a command that rejects makes the workbench show a notification of its own,
  // on top of the one the extension shows. So a failure that was reported must resolve the command, with the reason.
  it('reports a failure once: the command resolves with the reason instead of rejecting after its own message', async () => {
    github.setPullRequests([]);
    github.injectFaults(...Array<Fault>(4).fill({ kind: 'status', status: 502 }));
    const result = await search();
    assert.deepEqual({ status: result.status, found: result.pullRequests.length }, { status: 'partial', found: 0 });
    assert.match(result.reason ?? '', /GitHub failed \(502\)/);
  });

  it('rejects an argument it cannot read, naming the field, without a message of its own', async () => {
    assert.match(await rejection(search({ from: 'next tuesday' })), /^from: "next tuesday" is not a date/);
  });

  it('retries a rate-limited request once, as the headers ask', async () => {
    github.setPullRequests(generatePullRequests(3, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    github.injectFaults({ kind: 'status', status: 429, resetInSeconds: 1 });
    const results = (await search()).pullRequests;
    assert.equal(results.length, 3);
    assert.equal(github.requests.length, 2);
  });

  it('a superseded search stops its requests, returns nothing and writes nothing into the newer list', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    github.latencyMs = 300;
    try {
      const first = search();
      await eventually(() => (github.requests.length >= 2 ? true : undefined), 'the first search under way');
      const second = search({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:05:00Z' });
      assert.deepEqual(await first, { status: 'superseded', pullRequests: [] });
      const newer = await second;
      assert.equal(newer.status, 'complete');
      assert.equal(newer.reason, undefined, 'no "Cancelled" from the older search in the newer list');
      assert.deepEqual(newer.pullRequests.map((p) => p.mergedAt < '2026-03-01T00:05:01Z'), newer.pullRequests.map(() => true));
      const settled = github.requests.length;
      await pause(1500);
      assert.equal(github.requests.length, settled, 'no request after the cancellation');
    } finally {
      github.latencyMs = 0;
    }
  });

  it('Insert Recent Changes replaced by a newer search writes nothing, never "No pull requests were merged"', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    const record = await startIncident('Superseded insert');
    github.latencyMs = 300;
    try {
      const inserting = insert();
      await eventually(() => (github.requests.length >= 2 ? true : undefined), 'the insert\'s search under way');
      const newer = await search({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:05:00Z' });
      const inserted = await inserting;
      const section = await recentChanges(record);
      assert.doesNotMatch(section, /No pull requests were merged/);
      assert.doesNotMatch(section, /Searched/);
      assert.equal(inserted, undefined, 'the superseded insert wrote nothing');
      assert.equal(newer.status, 'complete');
    } finally {
      github.latencyMs = 0;
      await resolveIncident();
    }
  });

  it('Insert Recent Changes without an argument reuses only a search of the incident\'s window, and names the window it covered', async () => {
    github.setPullRequests([{ repo: 'acme/store', number: 7, title: 'In the look-back', author: 'ada', mergedAt: '2026-03-01T06:00:00Z' }]);
    await config().update('github.repositories', ['acme/store'], vscode.ConfigurationTarget.Global);
    await search();
    const record = await startIncident('Window of the insert', 'runbooks/checkout-incident.md');
    try {
      github.requests.splice(0);
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>('runbook.insertRecentChanges'))?.toString(), record.toString());
      assert.match(github.requests[0]?.query ?? '', /merged:2026-02-28T12:00:00Z\.\./, 'a new search of the incident\'s look-back, not the older search of another window');
      assert.match(await recentChanges(record), /^_Searched (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ \(merged between 2026-02-28 12:00 UTC and \d{4}-\d\d-\d\d \d\d:\d\d UTC\): 1 merged pull request\._\n/);
      github.requests.splice(0);
      await vscode.commands.executeCommand('runbook.insertRecentChanges');
      assert.equal(github.requests.length, 0, 'the search just made for this window is reused');
    } finally {
      await config().update('github.repositories', undefined, vscode.ConfigurationTarget.Global);
      await resolveIncident();
    }
  });

  it('Insert Recent Changes writes nothing into an incident resolved while it searched', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    const record = await startIncident('Resolved during the search');
    github.latencyMs = 300;
    try {
      const inserting = insert();
      await eventually(() => (github.requests.length >= 2 ? true : undefined), 'the insert\'s search under way');
      await resolveIncident();
      assert.equal(await inserting, undefined, 'nothing inserted');
      assert.doesNotMatch(await recentChanges(record), /Searched/);
    } finally {
      github.latencyMs = 0;
    }
  });

  it('a wrong-typed runbook.github.lookbackHours in settings.json reads as the default (24 hours)', async () => {
    github.setPullRequests([]);
    await config().update('github.lookbackHours', 'twelve', vscode.ConfigurationTarget.Global);
    await startIncident('Wrong-typed setting');
    try {
      assert.equal((await search({ from: undefined, to: undefined })).status, 'complete');
      assert.match(github.requests[0]?.query ?? '', /merged:2026-02-28T12:00:00Z\.\./);
    } finally {
      await config().update('github.lookbackHours', undefined, vscode.ConfigurationTarget.Global);
      await resolveIncident();
    }
  });

  it('a search cut short by an error is written into the record marked partial, with the reason, and the record is shown there', async () => {
    github.setPullRequests(generatePullRequests(250, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    const record = await startIncident('Partial after an error');
    try {
      // The first page arrives, then GitHub fails (and keeps failing through the client's retries).
      github.injectFaults({ kind: 'delay', ms: 0 }, ...Array<Fault>(4).fill({ kind: 'status', status: 502 }));
      assert.equal((await insert())?.toString(), record.toString());
      const section = await recentChanges(record);
      assert.match(section, /^_Searched (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ \(merged between 2026-03-01 00:00 UTC and 2026-03-02 00:00 UTC\): \*\*partial list\*\*, 100 merged pull requests found before the search stopped \(GitHub failed \(502\); try again\.\)\._\n\n\| Merged at \|/);
      assert.equal(section.match(/^\| \d{4}-/gm)?.length, 100);
      assert.doesNotMatch(section, /No pull requests were merged/);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), record.toString(), 'the record is shown');
      assert.match(editor.document.lineAt(editor.selection.active.line).text, /^_Searched .*partial list/, 'at the inserted table');
    } finally {
      await resolveIncident();
    }
  });

  it('a cancelled search is written into the record marked partial, with the reason', async () => {
    github.setPullRequests(generatePullRequests(2500, { from: new Date(FROM), to: new Date(TO), repos: ['acme/store'], authors: ['ada'] }));
    const record = await startIncident('Partial after cancel');
    github.latencyMs = 300;
    try {
      const inserting = insert();
      await eventually(() => (github.requests.length >= 3 ? true : undefined), 'three pages requested');
      await vscode.commands.executeCommand('runbook.cancelSearch');
      assert.equal((await inserting)?.toString(), record.toString());
      const section = await recentChanges(record);
      assert.match(section, /^_Searched .*\*\*partial list\*\*, \d+ merged pull requests? found before the search stopped \(the search was cancelled before it finished\)\._/);
      assert.doesNotMatch(section, /No pull requests were merged/);
    } finally {
      github.latencyMs = 0;
      await resolveIncident();
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
    const record = await startIncident('Changes table');
    try {
      await insert();
      const text = await readText(record);
      assert.match(text, /## Recent Changes\n_Searched (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ \(merged between 2026-03-01 00:00 UTC and 2026-03-02 00:00 UTC\): 1 merged pull request\._\n\n\| Merged at \| Pull request \| Title \| Author \|\n\| --- \| --- \| --- \| --- \|\n\| 2026-03-01 10:00 UTC \(−2h 00m\) \| \[acme\/store#42\]\(https:\/\/github\.com\/acme\/store\/pull\/42\) \| Fix \\\| pipes \\`ticks\\` &lt;script&gt;alert\(1\)&lt;\/script&gt; \| ada \|\n/);
    } finally {
      await resolveIncident();
    }
  });
});
