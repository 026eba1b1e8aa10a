import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Fault, FakeGitHub, generatePullRequests } from '../fakes/github/fakeGitHub';
import { activateExtension, eventually, readText, rejection, workspaceFolder } from './helpers';

const FROM = '2026-03-01T00:00:00Z';
const TO = '2026-03-02T00:00:00Z';
type PullRequest = { repo: string; number: number; title: string; author: string; mergedAt: string; url: string; labels: string[]; suspect?: boolean; reason?: string };
type Result = { status: 'complete' | 'partial' | 'superseded'; pullRequests: PullRequest[]; reason?: string };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Recent changes: merged-PR search against a local fake GitHub', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  const config = () => vscode.workspace.getConfiguration('runbook');
  // The harness's own fake of the sample runbook's templates, put back afterwards.
  let harnessBaseUrl: string | undefined;
  const search = (args: Record<string, unknown> = {}) => vscode.commands.executeCommand<Result>('runbook.searchMergedPullRequests', { repos: ['acme/store'], from: FROM, to: TO, ...args });
  const insert = (args: Record<string, unknown> = {}) => vscode.commands.executeCommand<vscode.Uri | undefined>('runbook.insertRecentChanges', { repos: ['acme/store'], from: FROM, to: TO, ...args });
  const startIncident = (title: string, runbook?: string) => vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title, startedAt: '2026-03-01T12:00:00Z', ...(runbook ? { runbook } : {}) });
  const resolveIncident = () => vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  /** The text of the Recent Changes section, up to the next heading. */
  const recentChanges = async (record: vscode.Uri) => /## Recent Changes\n([^]*?)(?=\n## |$)/.exec(await readText(record))?.[1] ?? '';

  before(async () => {
    await github.start();
    harnessBaseUrl = config().inspect<string>('github.baseUrl')?.globalValue;
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('github.baseUrl', harnessBaseUrl, vscode.ConfigurationTarget.Global);
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
      assert.match(await recentChanges(record), /^_Searched (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ \(merged between 2026-02-28 12:00 UTC and \d{4}-\d\d-\d\d \d\d:\d\d UTC\): 1 merged pull request, no suspects\._\n/);
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
      assert.match(section, /^_Searched (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ \(merged between 2026-03-01 00:00 UTC and 2026-03-02 00:00 UTC\): \*\*partial list\*\*, 100 merged pull requests found before the search stopped \(GitHub failed \(502\); try again\.\), (?:no|\d+) suspects?\._\n\n\| Suspect \| Merged at \|/);
      assert.equal(section.match(/^\| (?:⚠ [^|]+)? \| \d{4}-/gm)?.length, 100);
      assert.doesNotMatch(section, /No pull requests were merged/);
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === record.toString());
      assert.ok(editor, 'the record is shown');
      const searched = editor.document.getText().split('\n').findIndex((l) => /^_Searched .*partial list/.test(l));
      assert.ok(editor.visibleRanges.some((r) => r.start.line <= searched && searched <= r.end.line), 'at the inserted table');
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
      assert.match(section, /^_Searched .*\*\*partial list\*\*, \d+ merged pull requests? found before the search stopped \(the search was cancelled before it finished\), (?:no|\d+) suspects?\._/);
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
    github.setPullRequests([{ repo: 'acme/store', number: 42, title: 'Fix | pipes `ticks` <script>alert(1)</script>', author: 'ada', mergedAt: '2026-03-01T10:00:00Z', labels: ['a|b'] }]);
    const record = await startIncident('Changes table');
    try {
      await insert();
      const text = await readText(record);
      assert.match(text, /## Recent Changes\n_Searched (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ \(merged between 2026-03-01 00:00 UTC and 2026-03-02 00:00 UTC\): 1 merged pull request, 1 suspect\._\n\n\| Suspect \| Merged at \| Pull request \| Title \| Author \| Labels \|\n\| --- \| --- \| --- \| --- \| --- \| --- \|\n\| ⚠ merged 2h 00m before the start \| 2026-03-01 10:00 UTC \(−2h 00m\) \| \[acme\/store#42\]\(https:\/\/github\.com\/acme\/store\/pull\/42\) \| Fix \\\| pipes \\`ticks\\` &lt;script&gt;alert\(1\)&lt;\/script&gt; \| ada \| a\\\|b \|\n/);
    } finally {
      await resolveIncident();
    }
  });

  describe('suspects first', () => {
    // The incident starts at 12:00 UTC and names Tracking API among its systems.
    const PRS = [
      { repo: 'acme/store', number: 11, title: 'Bump the SDK', author: 'ada', mergedAt: '2026-03-01T09:00:00Z', labels: ['dependencies'] },
      { repo: 'acme/store', number: 12, title: 'Lower the gateway retry timeout', author: 'grace', mergedAt: '2026-03-01T11:20:00Z', labels: ['carrier-gateway', 'risky'] },
      { repo: 'acme/store', number: 13, title: 'After the start', author: 'ada', mergedAt: '2026-03-01T13:00:00Z' },
      { repo: 'acme/store', number: 14, title: 'Tracking API: cache responses', author: 'lin', mergedAt: '2026-03-01T06:00:00Z', labels: ['performance'] },
      { repo: 'acme/store', number: 15, title: 'Docs', author: 'ada', mergedAt: '2026-03-01T02:00:00Z', labels: ['docs'] },
    ];
    const startWithSystems = (title: string) => vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title, startedAt: '2026-03-01T12:00:00Z', systems: ['Tracking API'] });

    it('searchMergedPullRequests ranks the results against the current incident, each with suspect and reason', async () => {
      github.setPullRequests(PRS);
      await startWithSystems('Ranked search');
      try {
        const { pullRequests } = await search();
        assert.deepEqual(
          pullRequests.map((p) => [p.number, p.suspect, p.reason, p.labels]),
          [
            [12, true, 'merged 40m before the start, label risky', ['carrier-gateway', 'risky']],
            [14, true, 'names Tracking API', ['performance']],
            [11, false, 'merged 3h 00m before the start', ['dependencies']],
            [15, false, 'merged 10h 00m before the start', ['docs']],
            [13, false, 'merged 1h 00m after the start', []],
          ],
        );
      } finally {
        await resolveIncident();
      }
    });

    it('searchMergedPullRequests without an incident has no suspects: newest first, no suspect fields', async () => {
      github.setPullRequests(PRS);
      const { api } = await activateExtension();
      // The store reads the records again shortly after the last test's resolve.
      await eventually(async () => ((await api.getActiveIncident()) === undefined ? true : undefined), 'no incident active');
      const { pullRequests } = await search();
      assert.deepEqual(pullRequests.map((p) => p.number), [13, 12, 11, 14, 15]);
      assert.ok(pullRequests.every((p) => !('suspect' in p) && !('reason' in p)));
    });

    it('the settings decide: runbook.github.suspectHours and runbook.github.riskyLabels', async () => {
      github.setPullRequests(PRS);
      await config().update('github.suspectHours', 4, vscode.ConfigurationTarget.Global);
      await config().update('github.riskyLabels', ['docs'], vscode.ConfigurationTarget.Global);
      await startWithSystems('Suspect settings');
      try {
        const { pullRequests } = await search();
        assert.deepEqual(pullRequests.map((p) => [p.number, p.reason]), [
          [12, 'merged 40m before the start'],
          [11, 'merged 3h 00m before the start'],
          [14, 'names Tracking API'],
          [15, 'label docs'],
          [13, 'merged 1h 00m after the start'],
        ]);
      } finally {
        await config().update('github.suspectHours', undefined, vscode.ConfigurationTarget.Global);
        await config().update('github.riskyLabels', undefined, vscode.ConfigurationTarget.Global);
        await resolveIncident();
      }
    });

    it('Insert Recent Changes writes the suspects first, marked, with a Labels column, and its timeline entry, in one edit that one undo takes back', async () => {
      github.setPullRequests(PRS);
      const record = await startWithSystems('Suspects in the record');
      try {
        const document = await vscode.workspace.openTextDocument(record);
        const before = document.getText();
        const version = document.version;
        let saves = 0;
        const listener = vscode.workspace.onDidSaveTextDocument((d) => void (d.uri.toString() === record.toString() && saves++));
        try {
          assert.equal((await insert())?.toString(), record.toString());
          // The save's event can reach the extension host after the command has returned.
          await eventually(() => (saves > 0 && !document.isDirty ? true : undefined), 'the record saved');
        } finally {
          listener.dispose();
        }
        assert.equal(saves, 1, 'one edit, saved once');
        assert.equal(document.version, version + 1, 'one change of the document');
        const section = await recentChanges(record);
        assert.match(section, /: 5 merged pull requests, 2 suspects\._\n\n\| Suspect \| Merged at \| Pull request \| Title \| Author \| Labels \|\n/);
        const rows = section.split('\n').filter((l) => /^\| (?:⚠|\s)/.test(l) && !l.startsWith('| Suspect'));
        assert.deepEqual(rows, [
          '| ⚠ merged 40m before the start, label risky | 2026-03-01 11:20 UTC (−40m) | [acme/store#12](https://github.com/acme/store/pull/12) | Lower the gateway retry timeout | grace | carrier-gateway, risky |',
          '| ⚠ names Tracking API | 2026-03-01 06:00 UTC (−6h 00m) | [acme/store#14](https://github.com/acme/store/pull/14) | Tracking API: cache responses | lin | performance |',
          '|  | 2026-03-01 09:00 UTC (−3h 00m) | [acme/store#11](https://github.com/acme/store/pull/11) | Bump the SDK | ada | dependencies |',
          '|  | 2026-03-01 02:00 UTC (−10h 00m) | [acme/store#15](https://github.com/acme/store/pull/15) | Docs | ada | docs |',
          '|  | 2026-03-01 13:00 UTC (+1h 00m) | [acme/store#13](https://github.com/acme/store/pull/13) | After the start | ada |  |',
        ]);
        const text = await readText(record);
        const timeline = /## Timeline\n([^]*?)(?=\n## |$)/.exec(text)?.[1] ?? '';
        assert.match(timeline, /^- (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \S+ — Inserted 5 merged PRs \(\d{4}-\d\d-\d\d \d\d:\d\d \S+ to \d{4}-\d\d-\d\d \d\d:\d\d \S+\), 2 suspects$/m);
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('undo');
        assert.equal(document.getText(), before, 'one undo removes both the table and the timeline entry');
        await vscode.commands.executeCommand('redo');
        await document.save();
      } finally {
        await resolveIncident();
      }
    });

    it('with runbook.timeline.automaticEntries off, Insert Recent Changes writes the table and no timeline entry', async () => {
      github.setPullRequests(PRS);
      await config().update('timeline.automaticEntries', false, vscode.ConfigurationTarget.Global);
      const record = await startWithSystems('No automatic entry');
      try {
        await insert();
        const text = await readText(record);
        assert.match(await recentChanges(record), /\| ⚠ merged 40m before the start, label risky \|/);
        assert.doesNotMatch(text, /Inserted \d+ merged PR/);
      } finally {
        await config().update('timeline.automaticEntries', undefined, vscode.ConfigurationTarget.Global);
        await resolveIncident();
      }
    });
  });
});
