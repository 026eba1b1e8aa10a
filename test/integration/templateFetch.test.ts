import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { activateExtension, eventually, readText, workspaceFolder } from './helpers';

type Loaded = { source: { kind: string }; origin: string; text: string; sha?: string; notes: string[] };
type LoadOptions = { runbook?: string; argument?: string; runbookLink?: string };

const HANDBOOK = 'northwind-example/handbook';
const SENSITIVE = 'northwind-example/handbook-sensitive';
const TRACEABILITY = `# Incident Investigation Traceability

**Incident name:**
**Date:**
**Technical Lead:**

| Field | Value |
| --- | --- |
| Start time | TBD |
| Severity | TBD |

## Hypotheses
`;
const POSTMORTEM = `---
owner: reliability
---
# Post-mortem

- Summary:
- Impact:

## Chronology

## Action items
`;
const link = (repo: string, path: string, ref = 'main') => `https://github.com/${repo}/blob/${ref}/${path}`;
const BUILTIN_FIRST_LINE = '# Incident: {{title}}';

describe('Team templates: fetching them from the configured GitHub, caches, timeouts and other hosts', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  const other = new FakeGitHub();
  const config = () => vscode.workspace.getConfiguration('runbook');
  // The harness's own fake of the sample runbook's templates, put back afterwards.
  let harnessBaseUrl: string | undefined;
  let load: (kind: 'traceability' | 'postmortem', options: LoadOptions) => Promise<Loaded>;
  let warnings: { message: string; actions: readonly string[] }[] = [];
  const contentRequests = () => github.requests.filter((r) => r.path.includes('/contents/'));

  before(async () => {
    await github.start();
    await other.start();
    harnessBaseUrl = config().inspect<string>('github.baseUrl')?.globalValue;
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
    const { api } = await activateExtension();
    load = (kind, options) => api.testing.loadTemplate(kind, options) as Promise<Loaded>;
    api.testing.setTemplateWarningNotifier(async (message, actions) => {
      warnings.push({ message, actions });
      return undefined;
    });
  });
  after(async () => {
    const { api } = await activateExtension();
    api.testing.setTemplateWarningNotifier(undefined);
    await vscode.commands.executeCommand('runbook.setGitHubToken', '');
    await config().update('github.baseUrl', harnessBaseUrl, vscode.ConfigurationTarget.Global);
    await github.stop();
    await other.stop();
  });
  beforeEach(async () => {
    github.requests.splice(0);
    other.requests.splice(0);
    warnings = [];
    await vscode.commands.executeCommand('runbook.setGitHubToken', '');
  });

  it('fetches the linked template through the contents API, raw, with the slashes of its path kept', async () => {
    github.setFiles([{ repo: HANDBOOK, path: 'templates/incident-traceability.md', text: TRACEABILITY }]);
    const loaded = await load('traceability', { runbookLink: link(HANDBOOK, 'templates/incident-traceability.md') });
    assert.equal(loaded.text, TRACEABILITY);
    assert.deepEqual(loaded.notes, []);
    assert.equal(loaded.origin, 'runbook');
    assert.match(loaded.sha ?? '', /^[0-9a-f]{40}$/);
    const [request] = contentRequests();
    assert.equal(request?.path, `/repos/${HANDBOOK}/contents/templates/incident-traceability.md`);
    assert.match(request?.url ?? '', /\?ref=main$/);
    assert.match(request?.accept ?? '', /application\/vnd\.github(\.v3)?\.raw/);
  });

  it('a private template: without a token, a note and a warning offering to sign in; with one, the template', async () => {
    github.setFiles([{ repo: SENSITIVE, path: 'Postmortems/_template.md', text: POSTMORTEM, private: true }]);
    const href = link(SENSITIVE, 'Postmortems/_template.md');
    const anonymous = await load('postmortem', { runbookLink: href });
    assert.equal(anonymous.origin, 'builtin');
    assert.equal(anonymous.notes.length, 1);
    assert.match(anonymous.notes[0] ?? '', /^Template _template\.md \(the runbook's link\): northwind-example\/handbook-sensitive\/Postmortems\/_template\.md at main is private or does not exist: sign in to GitHub \(or ask for access\); started from the built-in template\.$/);
    const warning = await eventually(() => warnings[0], 'the sign-in warning');
    assert.match(warning.message, /_template\.md .*private repository.*sign in to GitHub/);
    // Sign In where VS Code has a GitHub sign-in; a token always.
    assert.equal(warning.actions.at(-1), 'Set GitHub Token…');
    assert.ok(warning.actions.every((a) => a === 'Sign In to GitHub' || a === 'Set GitHub Token…'), warning.actions.join());
    assert.equal(contentRequests()[0]?.authorization, undefined);

    await vscode.commands.executeCommand('runbook.setGitHubToken', 'ghp_test_token');
    const signedIn = await load('postmortem', { runbookLink: href });
    assert.equal(signedIn.text, POSTMORTEM);
    assert.deepEqual(signedIn.notes, []);
    assert.equal(contentRequests().at(-1)?.authorization, 'token ghp_test_token');
  });

  it('revalidates the cached copy with its ETag: the second load gets a 304 and the cached text, said nowhere', async () => {
    github.setFiles([{ repo: HANDBOOK, path: 'templates/etag.md', text: TRACEABILITY }]);
    const href = link(HANDBOOK, 'templates/etag.md');
    const first = await load('traceability', { runbookLink: href });
    const second = await load('traceability', { runbookLink: href });
    assert.equal(second.text, first.text);
    assert.equal(second.sha, first.sha);
    assert.deepEqual(second.notes, []);
    const [one, two] = contentRequests();
    assert.deepEqual([one?.ifNoneMatch, one?.status], [undefined, 200]);
    assert.deepEqual([two?.ifNoneMatch, two?.status], [`"${first.sha}"`, 304]);
  });

  it('offline: the cached copy with its age; without one, the built-in template with the reason', async () => {
    github.setFiles([{ repo: HANDBOOK, path: 'templates/offline.md', text: TRACEABILITY }]);
    const href = link(HANDBOOK, 'templates/offline.md');
    await load('traceability', { runbookLink: href });
    github.injectFaults({ kind: 'drop' });
    const cached = await load('traceability', { runbookLink: href });
    assert.equal(cached.text, TRACEABILITY);
    assert.equal(cached.notes.length, 1);
    assert.match(cached.notes[0] ?? '', /^Template offline\.md \(the runbook's link\): Cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+: .* \(offline: the copy fetched 0m ago, at \d\d:\d\d .+\)\.$/);

    github.injectFaults({ kind: 'drop' });
    const none = await load('traceability', { runbookLink: link(HANDBOOK, 'templates/never-fetched.md') });
    assert.equal(none.origin, 'builtin');
    assert.equal(none.text.split('\n')[0], BUILTIN_FIRST_LINE);
    assert.match(none.notes[0] ?? '', /^Template never-fetched\.md \(the runbook's link\): Cannot reach GitHub at .*; started from the built-in template\.$/);
  });

  it('a 403 rate limit falls back to the cached copy, naming the limit and its reset', async () => {
    github.setFiles([{ repo: HANDBOOK, path: 'templates/rate.md', text: TRACEABILITY }]);
    const href = link(HANDBOOK, 'templates/rate.md');
    await load('traceability', { runbookLink: href });
    github.injectFaults({ kind: 'status', status: 403, resetInSeconds: 3600 });
    const loaded = await load('traceability', { runbookLink: href });
    assert.equal(loaded.text, TRACEABILITY);
    assert.match(loaded.notes[0] ?? '', /rate limit is used up \(403\); it resets at .*\(offline: the copy fetched/);
  });

  it('never waits more than 4 s on the network: a slow GitHub gives way to the next source, said in the notes', async () => {
    github.setFiles([{ repo: HANDBOOK, path: 'templates/slow.md', text: TRACEABILITY }]);
    github.injectFaults({ kind: 'delay', ms: 8000 });
    const started = Date.now();
    const loaded = await load('traceability', { runbookLink: link(HANDBOOK, 'templates/slow.md') });
    console.log(`      (a GitHub answering after 8 s: the template load gave way after ${Date.now() - started} ms)`);
    assert.equal(loaded.origin, 'builtin');
    assert.deepEqual(loaded.notes, ["Template slow.md (the runbook's link): did not answer within 4 s; started from the built-in template."]);
  });

  it('never sends the token to another host: a link there is fetched anonymously; a workspace baseUrl is ignored', async () => {
    await vscode.commands.executeCommand('runbook.setGitHubToken', 'ghp_test_token');
    other.setFiles([{ repo: 'other-team/templates', path: 'traceability.md', text: TRACEABILITY }]);
    const elsewhere = await load('traceability', { runbookLink: `${other.baseUrl}/other-team/templates/blob/main/traceability.md` });
    assert.equal(elsewhere.text, TRACEABILITY);
    assert.deepEqual(other.requests.map((r) => [r.path, r.authorization]), [['/other-team/templates/raw/main/traceability.md', undefined]]);
    assert.equal(github.requests.length, 0);

    // A cloned repository's settings cannot send the token elsewhere.
    const settingsFile = vscode.Uri.joinPath(workspaceFolder().uri, '.vscode', 'settings.json');
    const before = await readText(settingsFile).catch(() => undefined);
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify({ 'runbook.github.baseUrl': other.baseUrl, 'runbook.github.lookbackHours': 13 })));
    try {
      await eventually(() => (config().inspect('github.lookbackHours')?.workspaceValue === 13 ? true : undefined), 'the workspace settings read');
      github.setFiles([{ repo: HANDBOOK, path: 'templates/incident-traceability.md', text: TRACEABILITY }]);
      other.requests.splice(0);
      const loaded = await load('traceability', { runbookLink: link(HANDBOOK, 'templates/incident-traceability.md') });
      assert.equal(loaded.text, TRACEABILITY);
      assert.equal(other.requests.length, 0, 'nothing went to the workspace-configured host');
      assert.equal(contentRequests()[0]?.authorization, 'token ghp_test_token');
    } finally {
      if (before === undefined) await vscode.workspace.fs.delete(settingsFile);
      else await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(before));
      await eventually(() => (config().inspect('github.lookbackHours')?.workspaceValue === undefined ? true : undefined), 'the workspace settings restored');
    }
  });

  it('an HTML page, a file over 1 MB and a redirect to another host: each named with its reason, the next source used', async () => {
    other.setFiles([
      { repo: 'other-team/templates', path: 'page.md', text: TRACEABILITY, html: true },
      { repo: 'other-team/templates', path: 'moved.md', text: '', redirectTo: `${github.baseUrl}/other-team/templates/raw/main/page.md` },
    ]);
    github.setFiles([{ repo: HANDBOOK, path: 'templates/huge.md', text: `# Huge\n${'x'.repeat(1024 * 1024)}\n` }, { repo: HANDBOOK, path: 'templates/incident-traceability.md', text: TRACEABILITY }]);

    const page = await load('traceability', { runbookLink: `${other.baseUrl}/other-team/templates/blob/main/page.md` });
    assert.equal(page.origin, 'builtin');
    assert.match(page.notes[0] ?? '', /^Template page\.md is an HTML page, not the raw Markdown.*; started from the built-in template\.$/);

    const huge = await load('traceability', { argument: link(HANDBOOK, 'templates/huge.md'), runbookLink: link(HANDBOOK, 'templates/incident-traceability.md') });
    assert.equal(huge.origin, 'runbook');
    assert.equal(huge.text, TRACEABILITY);
    assert.match(huge.notes[0] ?? '', /^Template huge\.md: it is larger than 1 MB, the most a template may be; started from incident-traceability\.md\.$/);

    github.requests.splice(0);
    const moved = await load('traceability', { runbookLink: `${other.baseUrl}/other-team/templates/blob/main/moved.md` });
    assert.equal(moved.origin, 'builtin');
    assert.match(moved.notes[0] ?? '', /^Template moved\.md \(the runbook's link\): 127\.0\.0\.1:\d+ redirects to another host \(127\.0\.0\.1:\d+\), which is not followed; started from the built-in template\.$/);
    assert.equal(github.requests.length, 0, 'the redirect was not followed');
  });

  it('reads the linked file from a workspace folder that is a clone of the repository with the ref checked out, without a request', async () => {
    const root = workspaceFolder().uri;
    const dotGit = vscode.Uri.joinPath(root, '.git');
    const file = vscode.Uri.joinPath(root, 'templates', 'local-clone.md');
    await vscode.workspace.fs.createDirectory(dotGit);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(root, 'templates'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dotGit, 'config'), new TextEncoder().encode('[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:northwind-example/local-handbook.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dotGit, 'HEAD'), new TextEncoder().encode('ref: refs/heads/main\n'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(POSTMORTEM));
    try {
      const local = await load('postmortem', { runbookLink: link('northwind-example/local-handbook', 'templates/local-clone.md') });
      assert.equal(local.text, POSTMORTEM);
      assert.deepEqual(local.notes, []);
      assert.equal(github.requests.length, 0);

      // Another ref than the checked-out one is fetched (and here does not exist).
      const otherRef = await load('postmortem', { runbookLink: link('northwind-example/local-handbook', 'templates/local-clone.md', 'release') });
      assert.equal(otherRef.origin, 'builtin');
      assert.equal(contentRequests().length, 1);
    } finally {
      await vscode.workspace.fs.delete(dotGit, { recursive: true });
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'templates'), { recursive: true });
    }
  });

  it('reads workspace paths relative to the runbook, refuses paths outside the folder, and keeps the setting first', async () => {
    const root = workspaceFolder().uri;
    const runbook = vscode.Uri.joinPath(root, 'runbooks', 'checkout-incident.md');
    const beside = vscode.Uri.joinPath(root, 'runbooks', 'team-template.md');
    await vscode.workspace.fs.writeFile(beside, new TextEncoder().encode(TRACEABILITY));
    try {
      const relative = await load('traceability', { runbook: runbook.toString(), runbookLink: 'team-template.md' });
      assert.equal(relative.text, await readText(beside));
      const fromRoot = await load('traceability', { runbook: runbook.toString(), runbookLink: '/runbooks/team-template.md' });
      assert.equal(fromRoot.text, TRACEABILITY);
      const outside = await load('traceability', { runbook: runbook.toString(), runbookLink: '../../etc/passwd' });
      assert.equal(outside.origin, 'builtin');
      assert.match(outside.notes[0] ?? '', /^Template passwd \(the runbook's link\): "\.\.\/\.\.\/etc\/passwd" leads outside the workspace folder/);

      await config().update('traceabilityTemplate', 'runbooks/team-template.md', vscode.ConfigurationTarget.Workspace);
      try {
        const setting = await load('traceability', { runbook: runbook.toString(), runbookLink: link(HANDBOOK, 'templates/incident-traceability.md') });
        assert.equal(setting.origin, 'setting');
        assert.equal(contentRequests().length, 0, 'the linked template is not fetched');
      } finally {
        await config().update('traceabilityTemplate', undefined, vscode.ConfigurationTarget.Workspace);
      }
    } finally {
      await vscode.workspace.fs.delete(beside);
    }
  });
});
