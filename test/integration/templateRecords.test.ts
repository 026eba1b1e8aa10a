import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentState } from '../../src/core/incident/incident';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { activateExtension, readText, workspaceFolder } from './helpers';

const HANDBOOK = 'northwind-example/handbook';
const TRACE_LINK = `https://github.com/${HANDBOOK}/blob/main/templates/trace.md`;
const POSTMORTEM_LINK = `https://github.com/${HANDBOOK}/blob/main/templates/postmortem.md`;
const RUNBOOK_PATH = 'linked-templates-runbook.md';
const RUNBOOK = `# Linked templates
## Track
- **Technical Lead**: start a traceability document from [the investigation template](${TRACE_LINK}).
## Post-incident
1. Write a post-mortem from [the template](${POSTMORTEM_LINK})
`;
const TRACE = `# Investigation

<!-- Keep this current. Date: TBD stays in a comment. -->
**Incident name:** TBD
- **Incident Commander:** <name>
- **Customer ticket:** TBD

| Field | Value |
| --- | --- |
| Severity | TBD |
| Affected systems | |

## Chronology

## Investigation log
`;
const POSTMORTEM = `---
owner: reliability
---
# Post-mortem

- Date:
- Duration:
- Severity:

## Summary

## Chronology

## Root cause
`;
const uriOf = (path: string) => vscode.Uri.joinPath(workspaceFolder().uri, path);
const lines = (text: string) => text.split('\n');

describe('Team templates: records and post-mortems generated from the templates the runbook links', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  const config = () => vscode.workspace.getConfiguration('runbook');
  // The harness's own fake of the sample runbook's templates, put back afterwards.
  let harnessBaseUrl: string | undefined;

  async function start(title: string, extra: Record<string, unknown> = {}): Promise<vscode.Uri> {
    return vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title, severity: 2, systems: ['Tracking API'], roles: { coordinator: 'Priya Raman' }, runbook: RUNBOOK_PATH, ...extra });
  }

  before(async () => {
    await github.start();
    harnessBaseUrl = config().inspect<string>('github.baseUrl')?.globalValue;
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(uriOf(RUNBOOK_PATH), new TextEncoder().encode(RUNBOOK));
    await activateExtension();
  });
  after(async () => {
    await config().update('github.baseUrl', harnessBaseUrl, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(uriOf(RUNBOOK_PATH));
    await github.stop();
  });
  beforeEach(() => {
    github.setFiles([{ repo: HANDBOOK, path: 'templates/trace.md', text: TRACE }, { repo: HANDBOOK, path: 'templates/postmortem.md', text: POSTMORTEM }]);
    github.requests.splice(0);
  });
  afterEach(async () => {
    const { api } = await activateExtension();
    for (const incident of await api.listIncidents()) {
      if (incident.state.status !== 'resolved' && incident.state.status !== 'declined') await vscode.commands.executeCommand('runbook.resolveIncident', { uri: incident.uri, summary: 'test', postmortem: false });
    }
  });

  it('fills the linked template, keeps every other line, records its source and SHA, and revalidates it with its ETag on the next start', async () => {
    const record = await start('Tracking 500s');
    const text = await readText(record);
    assert.match(text, /^---\n[\s\S]*\ntemplate:\n {2}source: https:\/\/github\.com\/northwind-example\/handbook\/blob\/main\/templates\/trace\.md\n {2}sha: [0-9a-f]{40}\n[\s\S]*---\n# Investigation\n/);
    assert.match(text, /\n\*\*Incident name:\*\* Tracking 500s\n/);
    assert.match(text, /\n- \*\*Incident Commander:\*\* Priya Raman\n/);
    assert.match(text, /\n- \*\*Customer ticket:\*\* TBD\n/, 'a field the incident does not know is left as written');
    assert.match(text, /\n\| Severity \| 2 \|\n/);
    assert.match(text, /\n\| Affected systems \| Tracking API \|\n/);
    assert.match(text, /<!-- Keep this current\. Date: TBD stays in a comment\. -->/);
    assert.match(text, /## Chronology\n- \d{2}:\d{2} \S+ — Incident declared; [^\n]*\n/, 'the first entry goes under the template\'s own timeline heading');
    const body = lines(text.slice(text.indexOf('# Investigation')));
    const kept = lines(TRACE).filter((l) => !/TBD|<name>|\| Severity|\| Affected/.test(l) || l.includes('Customer ticket') || l.startsWith('<!--'));
    for (const line of kept) assert.ok(body.includes(line), `kept: ${line}`);
    for (const heading of ['## Recent Changes', '## Dashboards', '## Post-incident']) assert.ok(body.includes(heading), `appended: ${heading}`);
    assert.ok(!body.includes('## Timeline') && !body.includes('## Debugging Details'), 'the template\'s Chronology and Investigation log stand for them');

    github.requests.splice(0);
    await start('Second one');
    const revalidation = github.requests.filter((r) => r.path.endsWith('/contents/templates/trace.md'));
    assert.equal(revalidation.length, 1);
    assert.ok(revalidation[0]?.ifNoneMatch, 'sent with If-None-Match');
    assert.equal(revalidation[0]?.status, 304);
  });

  it('a template given for one incident overrides the runbook\'s link', async () => {
    await vscode.workspace.fs.writeFile(uriOf('templates/ours.md'), new TextEncoder().encode('# Ours\n- Title:\n'));
    const record = await start('Our own', { template: 'templates/ours.md' });
    const text = await readText(record);
    assert.match(text, /\n {2}source: templates\/ours\.md\n/);
    assert.match(text, /\n# Ours\n- Title: Our own\n/);
    assert.equal(github.requests.filter((r) => r.path.includes('/contents/')).length, 0, 'the runbook\'s link is not fetched');
  });

  it('a private template without a session: the incident starts from the built-in template and its first entry says why', async () => {
    const { api } = await activateExtension();
    const warnings: string[] = [];
    api.testing.setTemplateWarningNotifier(async (message) => {
      warnings.push(message);
      return undefined;
    });
    try {
      github.setFiles([{ repo: HANDBOOK, path: 'templates/trace.md', text: TRACE, private: true }]);
      const record = await start('Private one');
      const text = await readText(record);
      assert.match(text, /\n# Incident: Private one\n/);
      assert.match(text, /## Timeline\n- [^\n]* — Incident declared; [^\n]*trace\.md[^\n]*private or does not exist[^\n]*started from the built-in template\.\n/);
      assert.ok(github.requests.every((r) => !r.authorization), 'no token was sent');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /trace\.md .*private/);
    } finally {
      api.testing.setTemplateWarningNotifier(undefined);
    }
  });

  it('previews what a start would fill, creating nothing', async () => {
    const { api } = await activateExtension();
    const before = (await api.listIncidents()).length;
    const preview = await vscode.commands.executeCommand<{ source: string; text: string; filled: string[]; unfilled: string[]; notes: string[] }>('runbook.previewTemplate', { runbook: RUNBOOK_PATH });
    assert.equal(preview.source, TRACE_LINK);
    assert.deepEqual(preview.notes, []);
    for (const label of ['Incident name', 'Incident Commander', 'Severity', 'Affected systems']) assert.ok(preview.filled.includes(label), `fills ${label}: ${preview.filled.join(', ')}`);
    assert.deepEqual(preview.unfilled, ['Customer ticket']);
    assert.equal((await api.listIncidents()).length, before);
  });

  it('generates the post-mortem from the template the runbook links, with its own front matter, and notes it in the record', async () => {
    const record = await start('Reviewed');
    const state = await vscode.commands.executeCommand<IncidentState>('runbook.resolveIncident', { uri: record.toString(), summary: 'Rolled back.', postmortem: true });
    const postmortem = vscode.Uri.joinPath(record, '..', `${state.id}-postmortem.md`);
    const text = await readText(postmortem);
    assert.match(text, /^---\nowner: reliability\n---\n# Post-mortem\n/);
    assert.match(text, /\n- Date: \d{4}-\d{2}-\d{2}\n- Duration: \d+m\n- Severity: 2\n/);
    assert.match(text, /## Summary\nRolled back\.\n/);
    assert.match(text, /## Chronology\n- [^\n]* — Incident declared/);
    assert.match(text, /## Root cause\n/);
    assert.match(await readText(record), /— Post-mortem started from postmortem\.md: [^\n]*-postmortem\.md\n/);
  });
});
