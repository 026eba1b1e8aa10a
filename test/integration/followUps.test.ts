import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { FOLLOW_UP_REPO, issueFixture, READ_ONLY_REPO } from '../fakes/github/issueFixtures';
import { activateExtension, captureOpenedLinks, eventually, readText, rejection, useBuiltInTemplates, workspaceFolder } from './helpers';

const RUNBOOK = 'samples/incident-response.md';
const ISSUE_URL = (n: number) => `https://github.com/${FOLLOW_UP_REPO}/issues/${n}`;
const MARKER = /<!-- incident-runbook: \d{4}-\d{2}-\d{2}-\d{4}-[\w-]+#[0-9a-f]{8} -->/;

type Created = { number: number; url: string; existing?: boolean };
type ForItems = { created: { line: number; number: number; url: string; existing?: boolean }[]; skipped: { line: number; title: string; reason: string }[] };

describe('Follow-ups: GitHub issues created from the incident, linked both ways, tracked until closed', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  const other = new FakeGitHub();
  const config = () => vscode.workspace.getConfiguration('runbook');
  let harnessBaseUrl: string | undefined;
  let record: vscode.Uri;
  let title: string;
  let seq = 0;
  const created: vscode.Uri[] = [];
  // Records start from the built-in template: this suite is about the issue templates.
  let restoreTemplates: () => Promise<void>;
  const opened = captureOpenedLinks();
  const issueRequests = () => github.requests.filter((r) => r.path.endsWith('/issues') && r.body !== undefined);

  async function start(): Promise<vscode.Uri> {
    title = `Carrier gateway timeouts ${++seq}`;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', {
      title,
      impact: 'Tracking pages show stale states',
      affected: '8%',
      systems: ['Carrier Gateway'],
      startedAt: new Date(Date.now() - 40 * 60_000).toISOString(),
      severity: 2,
      runbook: RUNBOOK,
    });
    created.push(uri);
    return uri;
  }

  before(async () => {
    await github.start();
    await other.start();
    harnessBaseUrl = config().inspect<string>('github.baseUrl')?.globalValue;
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('runbook.setGitHubToken', 'token-for-the-fake');
    restoreTemplates = await useBuiltInTemplates();
    await activateExtension();
  });
  beforeEach(async () => {
    const fixture = issueFixture();
    github.setRepositories(fixture.repositories);
    github.setFiles(fixture.files);
    github.setIssues(fixture.issues);
    github.requests.splice(0);
    other.requests.splice(0);
    record = await start();
  });
  afterEach(async () => {
    // No draft is left for a later suite: closing all editors would ask to save it.
    for (const draft of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && !d.isClosed)) {
      await vscode.window.showTextDocument(draft);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    const { api } = await activateExtension();
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'closed by the follow-ups suite', postmortem: false });
    }
  });
  after(async () => {
    // Later suites see no follow-ups of this one's fake GitHub (the tracker would ask it for their states).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) {
      for (const file of [uri, uri.with({ path: uri.path.replace(/\.md$/, '-postmortem.md') })]) await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
    await restoreTemplates();
    await vscode.commands.executeCommand('runbook.setGitHubToken', '');
    await config().update('github.baseUrl', harnessBaseUrl, vscode.ConfigurationTarget.Global);
    await github.stop();
    await other.stop();
  });

  it("creates an issue from the runbook's linked template, filled from the incident, and the record links it", async () => {
    const created = await vscode.commands.executeCommand<Created>('runbook.createIssue', { title: 'Alert on carrier gateway timeouts', uri: record.toString() });
    assert.deepEqual(created, { number: 104, url: ISSUE_URL(104) });
    const [request] = issueRequests();
    assert.ok(request, 'one POST /repos/…/issues');
    assert.equal(request.path, `/repos/${FOLLOW_UP_REPO}/issues`);
    assert.equal(request.authorization, 'token token-for-the-fake');
    const issue = github.issues().find((i) => i.number === 104);
    assert.ok(issue);
    assert.equal(issue.title, '[Follow-up] Alert on carrier gateway timeouts');
    assert.deepEqual(issue.labels, ['incident-follow-up', 'tech-debt']);
    const body = issue.body ?? '';
    assert.match(body, new RegExp(`^\\*\\*Incident:\\*\\* ${title}$`, 'm'), 'the labelled fields are filled');
    assert.match(body, /^\*\*Severity:\*\* 2$/m);
    assert.match(body, /^\*\*Systems:\*\* Carrier Gateway$/m);
    assert.match(body, /^\*\*Incident record:\*\* incidents\/\d{4}-\d{2}-\d{2}-\d{4}-carrier-gateway-timeouts-\d+\.md$/m, 'the record, by its path: the workspace is no pushed git clone');
    assert.match(body, /^## Acceptance criteria\n\n- \[ \] The change is merged and deployed$/m, 'the template\'s other lines are kept');
    assert.match(body, MARKER, 'the hidden marker that finds the issue again');
    const text = await readText(record);
    assert.match(text, /\n## Follow-ups\n- \[ \] \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) \[Follow-up\] Alert on carrier gateway timeouts\n/);
    assert.match(text, /— Follow-up created: \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) \[Follow-up\] Alert on carrier gateway timeouts\n/);
  });

  it("checks an issue form's required fields before sending: the unticked required checkbox is named, nothing is sent", async () => {
    const message = await rejection(vscode.commands.executeCommand('runbook.createIssue', { template: 'bug-report.yml', title: 'Tracking shows unknown for DPD parcels', uri: record.toString() }));
    assert.match(message, /^Before you submit is required by bug-report\.yml: fill it in$/);
    assert.equal(issueRequests().length, 0);
  });

  it('without a token, opens GitHub\'s new-issue page filled from the draft, and sends nothing', async () => {
    await vscode.commands.executeCommand('runbook.setGitHubToken', '');
    try {
      const text = await readText(record);
      const document = await vscode.workspace.openTextDocument(record);
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((e) => e.insert(new vscode.Position(text.split('\n').length, 0), '\n## Action items\n- [ ] Alert on DPD answer times\n'));
      await document.save();
      const line = document.getText().split('\n').findIndex((l) => l.includes('Alert on DPD answer times'));
      await vscode.commands.executeCommand('runbook.createIssueForItem', { uri: record.toString(), line });
      const draft = await eventually(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'untitled' ? vscode.window.activeTextEditor.document : undefined), 'the draft');
      const url = await vscode.commands.executeCommand<string>('runbook.openIssueDraftOnGitHub', { uri: draft.uri.toString() });
      assert.equal(opened[0], url, 'the address handed to VS Code, byte for byte');
      const parsed = new URL(url);
      assert.equal(`${parsed.origin}${parsed.pathname}`, `https://github.com/${FOLLOW_UP_REPO}/issues/new`);
      assert.equal(parsed.searchParams.get('title'), '[Follow-up] Alert on DPD answer times');
      assert.equal(parsed.searchParams.get('labels'), 'incident-follow-up,tech-debt');
      assert.match(parsed.searchParams.get('body') ?? '', new RegExp(`^\\*\\*Incident:\\*\\* ${title}$`, 'm'));
      assert.equal(issueRequests().length, 0, 'nothing was sent');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.commands.executeCommand('runbook.setGitHubToken', 'token-for-the-fake');
    }
  });

  it("links the record by its permalink on the current branch once that branch is pushed", async () => {
    // The workspace as a clone whose branch `main` has a remote-tracking ref: pushed.
    const git = vscode.Uri.joinPath(workspaceFolder().uri, '.git');
    const write = (path: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(git, path), new TextEncoder().encode(text));
    await write('HEAD', 'ref: refs/heads/main\n');
    await write('config', '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:northwind-example/ops-records.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
    await write('refs/remotes/origin/main', `${'a'.repeat(40)}\n`);
    try {
      await vscode.commands.executeCommand<Created>('runbook.createIssue', { title: 'Link the record', uri: record.toString() });
    } finally {
      await vscode.workspace.fs.delete(git, { recursive: true });
    }
    const body = github.issues().find((i) => i.number === 104)?.body ?? '';
    const path = vscode.workspace.asRelativePath(record, false);
    assert.match(body, new RegExp(`^\\*\\*Incident record:\\*\\* https://github\\.com/northwind-example/ops-records/blob/main/${path.replace(/[.]/g, '\\.')}$`, 'm'));
  });

  it('never sends an item twice from drafts: a double click sends once, and a draft whose item got its issue meanwhile is refused', async () => {
    const document = await vscode.workspace.openTextDocument(record);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(document.lineCount, 0), '\n## Action items\n- [ ] Page the carrier team from the alert\n'));
    await document.save();
    const line = document.getText().split('\n').findIndex((l) => l.includes('Page the carrier team'));
    const openDraft = async () => {
      await vscode.commands.executeCommand('runbook.createIssueForItem', { uri: record.toString(), line });
      return eventually(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'untitled' ? vscode.window.activeTextEditor.document : undefined), 'a draft');
    };
    const first = await openDraft();
    await vscode.window.showTextDocument(document);
    const second = await openDraft();
    assert.notEqual(first.uri.toString(), second.uri.toString());
    const results = await Promise.all([1, 2].map(() => vscode.commands.executeCommand<Created | undefined>('runbook.createIssueFromDraft', { uri: first.uri.toString() })));
    assert.deepEqual(results.filter(Boolean), [{ number: 104, url: ISSUE_URL(104) }], 'the double click sent once');
    await eventually(() => (first.isClosed ? true : undefined), 'the sent draft closed, though another editor was in front of it');
    assert.equal(issueRequests().length, 1);
    assert.equal(await vscode.commands.executeCommand('runbook.createIssueFromDraft', { uri: second.uri.toString() }), undefined, 'the stale draft is refused');
    assert.equal(issueRequests().length, 1, 'no second issue for the item');
    assert.ok(!second.isClosed, 'and it is kept');
    await vscode.window.showTextDocument(second);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses labels the repository lacks, naming them: nothing is created and the record is unchanged', async () => {
    const before = await readText(record);
    const message = await rejection(vscode.commands.executeCommand('runbook.createIssue', { title: 'Tune the retry budget', labels: ['p1', 'no-such-label', 'Also-Missing'], uri: record.toString() }));
    assert.match(message, /The labels no-such-label, Also-Missing do not exist in northwind-example\/parcel-tracking: nothing was created/);
    assert.equal(issueRequests().length, 0, 'no POST was sent');
    assert.equal(github.issues().length, issueFixture().issues.length);
    assert.equal(await readText(record), before);
  });

  it('says so when the token may not create issues (403), and the record is unchanged', async () => {
    const before = await readText(record);
    const message = await rejection(vscode.commands.executeCommand('runbook.createIssue', { repo: READ_ONLY_REPO, template: 'none', title: 'Add a runbook link to the alert', uri: record.toString() }));
    assert.match(message, /You cannot create issues in northwind-example\/readonly-service \(403: Resource not accessible by personal access token\): ask for write access/);
    assert.equal(await readText(record), before);
  });

  it('creates one issue per action item of the post-mortem, and a second run (a teammate without the links) creates none', async () => {
    const postmortem = vscode.Uri.joinPath(record, '..', record.path.split('/').pop()?.replace(/\.md$/, '-postmortem.md') ?? 'x');
    const items = '# Post-mortem\n\n## Action items\n- [ ] Alert when carrier calls time out\n- [x] Roll back the retry change\n- [ ] Write the missing contract test for label printing\n\n## Notes\n- [ ] Not an action item\n';
    await vscode.workspace.fs.writeFile(postmortem, new TextEncoder().encode(items));
    const first = await vscode.commands.executeCommand<ForItems>('runbook.createIssuesForActionItems', { uri: postmortem.toString(), confirmed: true });
    assert.deepEqual(first.created.map((c) => [c.line, c.number, c.existing ?? false]), [[3, 104, false], [5, 105, false]]);
    const linked = await readText(postmortem);
    assert.match(linked, /\n- \[ \] \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) Alert when carrier calls time out\n- \[x\] Roll back the retry change\n- \[ \] \[northwind-example\/parcel-tracking#105\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/105\) Write the missing contract test for label printing\n/);
    assert.match(linked, /## Notes\n- \[ \] Not an action item\n/, 'items outside the action items stay as written');
    const recordText = await readText(record);
    assert.equal((recordText.match(/^- \[ \] \[northwind-example\/parcel-tracking#10[45]\]/gm) ?? []).length, 2, 'the record lists both follow-ups');

    // A teammate's copy of the post-mortem, without the links: the markers find the issues.
    await vscode.workspace.fs.writeFile(postmortem, new TextEncoder().encode(items));
    await eventually(() => (vscode.workspace.textDocuments.find((d) => d.uri.toString() === postmortem.toString())?.getText() ?? items) === items || undefined, 'the open post-mortem reloaded from disk');
    const second = await vscode.commands.executeCommand<ForItems>('runbook.createIssuesForActionItems', { uri: postmortem.toString(), confirmed: true });
    assert.deepEqual(second.created.map((c) => [c.number, c.existing]), [[104, true], [105, true]]);
    assert.equal(github.issues().length, issueFixture().issues.length + 2, 'no duplicate was created');
    assert.equal((await readText(record)).match(/^- \[ \] \[northwind-example\/parcel-tracking#10[45]\]/gm)?.length, 2, 'nor listed twice in the record');
    const third = await vscode.commands.executeCommand<ForItems>('runbook.createIssuesForActionItems', { uri: postmortem.toString(), confirmed: true });
    assert.deepEqual(third.created, []);
    assert.deepEqual(third.skipped.map((s) => s.reason), ['already links [northwind-example/parcel-tracking#104](https://github.com/northwind-example/parcel-tracking/issues/104)', 'already links [northwind-example/parcel-tracking#105](https://github.com/northwind-example/parcel-tracking/issues/105)']);
  });

  it('a closed issue ticks its line in the record, with a timeline entry, and getFollowUps says closed', async () => {
    await vscode.commands.executeCommand<Created>('runbook.createIssue', { title: 'Alert on carrier gateway timeouts', uri: record.toString() });
    github.closeIssue(FOLLOW_UP_REPO, 104);
    await vscode.commands.executeCommand('runbook.refreshFollowUps');
    const text = await eventually(async () => {
      const t = await readText(record);
      return /- \[x\] \[northwind-example\/parcel-tracking#104\]/.test(t) ? t : undefined;
    }, 'the follow-up line ticked');
    assert.match(text, /— Follow-up closed: \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) \[Follow-up\] Alert on carrier gateway timeouts\n/);
    const graphql = github.requests.filter((r) => r.path === '/graphql');
    assert.ok(graphql.length >= 1 && graphql.every((r) => r.authorization === 'token token-for-the-fake'), 'states come from GraphQL, with the token');
    const { api } = await activateExtension();
    const followUps = await api.getFollowUps(record.toString());
    assert.deepEqual(followUps, [{ url: ISSUE_URL(104), title: '[Follow-up] Alert on carrier gateway timeouts', state: 'closed' }]);
  });

  it('a 429 on creating is retried once after Retry-After and creates one issue', async () => {
    // Without labels or an action item, the POST is the first request: the fault meets it.
    github.injectFaults({ kind: 'status', status: 429, resetInSeconds: 1 });
    const created = await vscode.commands.executeCommand<Created>('runbook.createIssue', { template: 'none', title: 'Retry once', uri: record.toString() });
    assert.equal(created.number, 104);
    assert.equal(github.issues().filter((i) => i.title === 'Retry once').length, 1);
    assert.deepEqual(issueRequests().map((r) => r.status), [429, 201]);
  });

  it('sends the token only to the GitHub of the user settings: a workspace runbook.github.baseUrl is ignored', async () => {
    // A cloned repository's .vscode/settings.json (VS Code refuses to write an application setting there itself).
    const settingsFile = vscode.Uri.joinPath(workspaceFolder().uri, '.vscode', 'settings.json');
    const before = await readText(settingsFile).catch(() => undefined);
    const settings = { ...(before ? (JSON.parse(before) as object) : {}), 'runbook.github.baseUrl': other.baseUrl, 'runbook.github.lookbackHours': 13 };
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify(settings)));
    try {
      await eventually(() => (config().inspect('github.lookbackHours')?.workspaceValue === 13 ? true : undefined), 'the workspace settings read');
      await vscode.commands.executeCommand<Created>('runbook.createIssue', { template: 'none', title: 'Where does the token go', uri: record.toString() });
    } finally {
      if (before === undefined) await vscode.workspace.fs.delete(settingsFile);
      else await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(before));
      await eventually(() => (config().inspect('github.lookbackHours')?.workspaceValue === undefined ? true : undefined), 'the workspace settings restored');
    }
    assert.equal(other.requests.length, 0, "nothing went to the workspace's host");
    assert.deepEqual(issueRequests().map((r) => r.authorization), ['token token-for-the-fake']);
  });

  it('an action item\'s draft is reviewed, then sent from the draft; a refused draft stays open', async () => {
    const text = await readText(record);
    const document = await vscode.workspace.openTextDocument(record);
    const editor = await vscode.window.showTextDocument(document);
    const line = text.split('\n').length;
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), '\n## Action items\n- [ ] Page the carrier team from the alert\n'));
    await document.save();
    const itemLine = document.getText().split('\n').findIndex((l) => l.includes('Page the carrier team'));
    await vscode.commands.executeCommand('runbook.createIssueForItem', { uri: record.toString(), line: itemLine });
    const draft = await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'untitled' ? vscode.window.activeTextEditor.document : undefined, 'the draft');
    assert.match(draft.getText(), /^---\n# Review and edit, then choose "Create Issue" above this block/);
    assert.match(draft.getText(), /\nrepo: northwind-example\/parcel-tracking\ntitle: "?\[Follow-up\] Page the carrier team from the alert"?\n/);
    assert.equal(issueRequests().length, 0, 'nothing is sent before the person says so');

    // Make it refused: a repository without write access (and without those labels). The draft stays, unsent.
    const lineOf = (prefix: string) => draft.getText().split('\n').findIndex((l) => l.startsWith(prefix));
    const setLine = async (prefix: string, text: string) => {
      const edit = new vscode.WorkspaceEdit();
      const at = lineOf(prefix);
      edit.replace(draft.uri, new vscode.Range(at, 0, at, draft.lineAt(at).text.length), text);
      await vscode.workspace.applyEdit(edit);
    };
    await setLine('repo: ', `repo: ${READ_ONLY_REPO}`);
    await setLine('labels: ', 'labels: []');
    assert.equal(await vscode.commands.executeCommand('runbook.createIssueFromDraft', { uri: draft.uri.toString() }), undefined);
    assert.ok(vscode.workspace.textDocuments.includes(draft) && !draft.isClosed, 'the refused draft is kept');

    assert.equal(issueRequests().length, 1, 'the one refused POST');
    await setLine('repo: ', `repo: ${FOLLOW_UP_REPO}`);
    const created = await vscode.commands.executeCommand<Created>('runbook.createIssueFromDraft', { uri: draft.uri.toString() });
    assert.deepEqual(created, { number: 104, url: ISSUE_URL(104) });
    assert.match(await readText(record), /\n- \[ \] \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) Page the carrier team from the alert\n/, 'the item links its issue, in place');
    await eventually(() => (draft.isClosed ? true : undefined), 'the sent draft closed');
  });
});
