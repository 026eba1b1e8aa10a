import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatStageDate } from '../../src/core/rollout/stageDates';
import { FakeFlipper } from '../fakes/flipper/fakeFlipper';
import { NORTHWIND_FLIPPER, northwindFlipper } from '../fakes/flipper/northwind';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { MID_ROLLOUT_PLAN } from '../fixtures/releasePlans';
import { activateExtension, captureOpenedLinks, eventually, readText, rejection, withWorkspaceSettings, workspaceFolder } from './helpers';

type Stage = { name: string; percentage: number | null; targeted: boolean; date: string | null; lengthDays: number | null; status: string; overdue: boolean; trackingIssue: { url: string } | null; results: { field: string; value: string }[] };
type Rollout = { uri: string; revision: string; title: string; stages: Stage[] };

const DAY = 86_400_000;
const FEATURE = 'parcel_labels_v3';

/** A plan in the seed's layout whose live stage (5%, "1 week") started `liveForDays` ago. */
function planStartedDaysAgo(title: string, liveForDays: number, now = new Date()): string {
  const at = (days: number) => formatStageDate(new Date(now.getTime() - days * DAY), 0);
  return `# ${title}

Flipper feature: ${FEATURE}

### Stage A: First ramp up
Date: ${at(liveForDays + 7)}
Length of time: 1 week
Percentage of Users: 1%
#### Results:
- Errors: 0

### Stage B: Moderate ramp up
Date: ${at(liveForDays)}
Length of time: 1 week
Percentage of Users: 5%
#### Results:
- Errors:

### Stage C: Go Live!
Date:
Percentage of Users: 100%
`;
}

describe('Rollout: release plans run from the plan, with the Flipper flag', function () {
  this.timeout(60_000);
  const flipper = new FakeFlipper();
  const otherFlipper = new FakeFlipper();
  const config = () => vscode.workspace.getConfiguration('runbook');
  const folder = () => workspaceFolder().uri;
  const written: vscode.Uri[] = [];
  const opened = captureOpenedLinks();

  let seq = 0;
  /** Each test writes its own files: a document the previous test deleted stays behind in VS Code for a while. */
  async function writePlan(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder(), 'runbooks', name.replace(/\.md$/, `-${++seq}.md`));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    written.push(uri);
    // Ready once the extension has found it as a release plan.
    const { api } = await activateExtension();
    await eventually(async () => ((await api.getReleases()).some((r) => r.uri === uri.toString()) ? true : undefined), `${name} read as a release plan`);
    return uri;
  }
  const rollout = (uri: vscode.Uri) => vscode.commands.executeCommand<Rollout>('runbook.getRollout', { uri: uri.toString() });

  before(async () => {
    await flipper.start();
    await otherFlipper.start();
    await activateExtension();
  });
  beforeEach(() => {
    flipper.reset();
    otherFlipper.reset();
    northwindFlipper(flipper);
    northwindFlipper(otherFlipper);
    flipper.setFeatures([{ key: FEATURE, boolean: false, percentageOfActors: 5 }]);
  });
  afterEach(async () => {
    // A test that failed half-way may leave a plan with unsaved edits: closing must not ask about them.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && written.some((u) => u.toString() === d.uri.toString()))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('runbook.disconnectFlipper');
    await config().update('flipper.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });
  after(async () => {
    await flipper.stop();
    await otherFlipper.stop();
  });

  it('reads the stages of a plan: done, live and overdue, the rolled-back stage next again, tracking issues from ZenHub links', async () => {
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    const answer = await rollout(uri);
    assert.equal(answer.title, 'Parcel Labels v3 Release Plan');
    assert.deepEqual(answer.stages.map((s) => [s.name, s.percentage, s.status]), [
      ['Stage A: Canary', null, 'done'],
      ['Stage B: First ramp up', 1, 'done'],
      ['Stage C: Moderate ramp up', 5, 'live'],
      ['Stage D: Another ramp up', 10, 'next'],
      ['Stage E: Go Live!', 100, 'upcoming'],
    ]);
    const live = answer.stages[2] as Stage;
    assert.equal(live.date, '2026-11-12T09:00:00.000Z');
    assert.deepEqual([live.lengthDays, live.overdue], [7, true]);
    assert.equal(answer.stages[0]?.trackingIssue?.url, 'https://github.com/northwind/parcel-labels/issues/101');
    assert.ok(answer.stages[1]?.results.some((r) => r.field === 'New Sentry Errors' && r.value === '2 (known)'));
    const { api } = await activateExtension();
    const view = await api.testing.getRolloutView();
    const plan = view.find((row) => row.label === 'Parcel Labels v3 Release Plan');
    assert.ok(plan, view.map((r) => r.label).join(', '));
    const stage = plan.children.find((row) => row.label === 'Stage C · 5%');
    assert.match(stage?.description ?? '', /^over · \d+ of 7 days$/);
    assert.equal(stage?.contextValue, 'rollout.stage.live.started');
    assert.equal(plan.children.find((row) => row.label === 'Stage D · 10%')?.description, 'next (rolled back)');
    assert.deepEqual(plan.children.find((row) => row.label === 'Set Flipper to 5%')?.description, FEATURE);
  });

  it('Start Next Stage writes one edit: the Date with time and zone, the overview box, the go/no-go answers; undo takes it all back', async () => {
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    const before = await readText(uri);
    const answers = [
      { criterion: 'Sentry errors remain constant across batches', answer: 'held' },
      { criterion: 'Latency stays within 10% of the baseline', answer: 'not held', note: 'p95 +12% at peak' },
    ];
    const result = await vscode.commands.executeCommand<Rollout>('runbook.startNextStage', { uri: uri.toString(), go: true, answers });
    assert.equal(result.stages[3]?.status, 'live');
    assert.equal(result.stages[2]?.status, 'done');
    const after = await readText(uri);
    const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
    assert.equal(added.length, 5, added.join('\n'));
    assert.match(added[0] ?? '', /^ {4}\[x\] 10%$/);
    assert.match(added[1] ?? '', /^- Go\/no-go \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC(?:[+-]\d{2}:\d{2})?: Go to Stage D: Another ramp up \(10%\)$/);
    assert.equal(added[2], '    - Held: Sentry errors remain constant across batches');
    assert.equal(added[3], '    - Not held: Latency stays within 10% of the baseline (p95 +12% at peak)');
    assert.match(added[4] ?? '', /^Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC(?:[+-]\d{2}:\d{2})? \(earlier start: 2026-11-19 09:00 UTC\)$/);
    const editor = await vscode.window.showTextDocument(uri);
    assert.equal(editor.document.isDirty, false, 'saved: the person had no unsaved edits');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo step');
    await editor.document.save();
  });

  it('records a no-go as a dated note and moves nothing', async () => {
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    const before = await readText(uri);
    const result = await vscode.commands.executeCommand<Rollout>('runbook.startNextStage', { uri: uri.toString(), go: false, answers: [{ criterion: 'HTTP status codes remain constant across batches', answer: 'not held' }] });
    assert.equal(result.stages[2]?.status, 'live');
    const added = (await readText(uri)).split('\n').filter((line) => !before.split('\n').includes(line));
    assert.equal(added.length, 2);
    assert.match(added[0] ?? '', /^- Go\/no-go .*: No-go: the stage stays$/);
  });

  it('with Flipper connected, Start Next Stage sets the percentage of actors, reads it back and writes it into the plan', async () => {
    await config().update('flipper.apiUrl', flipper.baseUrl, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('runbook.connectFlipper', { token: 'wrong' }), false);
    assert.equal(await vscode.commands.executeCommand('runbook.connectFlipper', { token: NORTHWIND_FLIPPER.token }), true);
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    flipper.requests.splice(0);
    await vscode.commands.executeCommand('runbook.startNextStage', { uri: uri.toString(), go: true });
    // The view may read the flag meanwhile; the action's own requests are the POST and the read-back after it.
    const post = flipper.requests.findIndex((r) => r.method === 'POST');
    assert.deepEqual(flipper.requests.slice(post, post + 2).map((r) => [r.method, r.path, r.hasAuthorization, r.body]), [
      ['POST', `/flipper/api/features/${FEATURE}/percentage_of_actors`, true, { percentage: '10' }],
      ['GET', `/flipper/api/features/${FEATURE}`, true, undefined],
    ]);
    assert.equal(flipper.feature(FEATURE)?.percentageOfActors, 10);
    assert.match(await readText(uri), /Percentage of Users \(and roughly how many users do you expect this to be\): 10%\nFlipper: 10% \(confirmed \d{2}:\d{2} UTC(?:[+-]\d{2}:\d{2})?\)\n/);
  });

  it('a Flipper refusal (read-only token) writes nothing into the plan and says why', async () => {
    await config().update('flipper.apiUrl', flipper.baseUrl, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('runbook.connectFlipper', { token: NORTHWIND_FLIPPER.readOnlyToken }), true);
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    const message = await rejection(vscode.commands.executeCommand('runbook.startNextStage', { uri: uri.toString(), go: true }));
    assert.match(message, /403.*Nothing was written into the plan\.$/);
    assert.equal(await readText(uri), MID_ROLLOUT_PLAN);
    assert.equal(flipper.feature(FEATURE)?.percentageOfActors, 5);
  });

  it('Record Results rewrites the stage\'s fields in place; an unknown field writes nothing', async () => {
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    await vscode.commands.executeCommand('runbook.recordStageResults', { uri: uri.toString(), stage: 'Stage C', results: [{ field: 'New Sentry Errors', value: '1 (LBL-9)' }] });
    const after = await readText(uri);
    assert.equal(after, MID_ROLLOUT_PLAN.replace('#### Results:\n- New Sentry Errors:\n- Rollbacks:\n\n### Stage D', '#### Results:\n- New Sentry Errors: 1 (LBL-9)\n- Rollbacks:\n\n### Stage D'));
    const message = await rejection(vscode.commands.executeCommand('runbook.recordStageResults', { uri: uri.toString(), stage: 'Stage C', results: [{ field: 'Latency', value: '300 ms' }] }));
    assert.match(message, /has no Results field "Latency"\. Its fields: New Sentry Errors, Rollbacks\./);
    assert.equal(await readText(uri), after);
  });

  it('Roll Back pastes the plan\'s own block at the bottom of the live stage, fills Rollbacks, unticks the boxes above, and sets Flipper back', async () => {
    await config().update('flipper.apiUrl', flipper.baseUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('runbook.connectFlipper', { token: NORTHWIND_FLIPPER.token });
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    const result = await vscode.commands.executeCommand<Rollout>('runbook.rollBack', { uri: uri.toString(), reason: 'Label print errors at 3%', severity: 'SEV-3, slow labels for 5% of users', tickets: 'northwind/parcel-labels#141' });
    // Stage C is the next stage again (to be run once fixed); D stays rolled back from before.
    assert.deepEqual(result.stages.map((s) => s.status), ['done', 'live', 'next', 'rolled back', 'upcoming']);
    const text = await readText(uri);
    const stageC = /### Stage C[^]*?(?=### Stage D)/.exec(text)?.[0] ?? '';
    assert.match(stageC, /- Rollbacks: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\S*: Label print errors at 3%\n\nRollback reason: Label print errors at 3%\n {4}Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\S*\n {4}Severity\/Impact: SEV-3, slow labels for 5% of users\n {4}Ticket\(s\) created to address: northwind\/parcel-labels#141\n {4}\[ \] Has the issue been resolved\?\n {4}Flipper: set back to 1% \(confirmed \d{2}:\d{2} UTC\S*\)\n\n$/);
    assert.match(text, /^ {4}\[x\] 1%\n {4}\[ \] 5%\n/m);
    assert.equal(flipper.feature(FEATURE)?.percentageOfActors, 1);
  });

  it('keeps a person\'s unsaved edits of the plan: the action edits the open document and leaves saving to them', async () => {
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '<!-- draft -->\n'));
    assert.equal(editor.document.isDirty, true);
    await vscode.commands.executeCommand('runbook.recordStageResults', { uri: uri.toString(), stage: 'Stage C', results: [{ field: 'New Sentry Errors', value: '4' }] });
    assert.match(editor.document.getText(), /^<!-- draft -->\n[^]*- New Sentry Errors: 4\n- Rollbacks:\n\n### Stage D/);
    assert.equal(editor.document.isDirty, true, 'still the person\'s to save');
    assert.equal(await readText(uri), MID_ROLLOUT_PLAN, 'nothing saved behind their back');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('refuses bad input and writes nothing: nothing live to roll back, an unknown stage, a plan edited since it was read', async () => {
    const fresh = planStartedDaysAgo('Fresh plan', 2).replace(/^Date: .*$/gm, 'Date:');
    const freshUri = await writePlan('fresh-plan.md', fresh);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.rollBack', { uri: freshUri.toString(), reason: 'x' })), /^No stage is live: there is nothing to roll back\.$/);
    const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.recordStageResults', { uri: uri.toString(), stage: 'Stage Q', results: [] })), /^No stage "Stage Q" in the plan\. Its stages: "Stage A: Canary"/);
    const { revision } = await rollout(uri);
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '<!-- edited -->\n'));
    assert.match(await rejection(vscode.commands.executeCommand('runbook.startNextStage', { uri: uri.toString(), go: true, revision })), /changed since it was read: nothing was written/);
    assert.equal(editor.document.getText(), `<!-- edited -->\n${MID_ROLLOUT_PLAN}`);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.startNextStage', { uri: uri.toString() })), /^go: true to start/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(await readText(freshUri), fresh);
  });

  it('reminds once when a live stage\'s timebox has passed, from the Date in the file', async () => {
    const { api } = await activateExtension();
    const reminders: { message: string; actions: readonly string[] }[] = [];
    api.testing.setRolloutReminderNotifier(async (message, actions) => {
      reminders.push({ message, actions });
      return undefined;
    });
    try {
      await writePlan('on-time-plan.md', planStartedDaysAgo('On time', 2));
      await writePlan('overdue-plan.md', planStartedDaysAgo('Overdue', 8));
      const reminder = await eventually(() => reminders.find((r) => r.message.startsWith('Stage B (5%)')), 'the reminder');
      assert.equal(reminder.message, 'Stage B (5%) has run its 7 days: record results, then advance or roll back');
      assert.deepEqual(reminder.actions, ['Record Results', 'Start Next Stage', 'Roll Back…']);
      // Edited (a teammate's result), the plan is read again; the same stage start is not reminded twice.
      const overdue = written[written.length - 1] as vscode.Uri;
      await vscode.workspace.fs.writeFile(overdue, new TextEncoder().encode(`${await readText(overdue)}\n`));
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(reminders.length, 1, reminders.map((r) => r.message).join('\n'));
    } finally {
      api.testing.setRolloutReminderNotifier(undefined);
    }
  });

  it('opens the plan\'s dashboards at a stage\'s window: from its Date to the next stage\'s', async () => {
    const sample = vscode.Uri.joinPath(folder(), 'samples', 'release-plan.md');
    const urls = await vscode.commands.executeCommand<string[]>('runbook.openStageDashboards', { uri: sample.toString(), stage: 'Stage B', confirmed: true });
    const from = Date.UTC(2026, 10, 19, 10);
    const to = Date.UTC(2026, 10, 26, 10);
    assert.equal(urls.length, 2, urls.join('\n'));
    for (const url of urls) assert.match(url, new RegExp(`from_ts=${from}&to_ts=${to}&live=false`));
    assert.deepEqual(opened, urls);
  });

  it('What Shipped During Stage searches merged pull requests in the stage\'s window', async () => {
    const github = new FakeGitHub();
    await github.start();
    const harness = config().inspect<string>('github.baseUrl')?.globalValue;
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
    github.setPullRequests([
      { repo: 'northwind/parcel-labels', number: 7, title: 'During stage B', author: 'glau', mergedAt: '2026-11-11T12:00:00Z' },
      { repo: 'northwind/parcel-labels', number: 8, title: 'During stage C', author: 'glau', mergedAt: '2026-11-15T12:00:00Z' },
      { repo: 'northwind/parcel-labels', number: 9, title: 'After stage C', author: 'glau', mergedAt: '2026-11-19T12:00:00Z' },
    ]);
    try {
      await withWorkspaceSettings({ 'runbook.github.repositories': ['northwind/parcel-labels'] }, async () => {
        const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
        const result = await vscode.commands.executeCommand<{ status: string; pullRequests: { number: number }[] }>('runbook.whatShippedDuringStage', { uri: uri.toString(), stage: 'Stage B' });
        assert.equal(result.status, 'complete');
        assert.deepEqual(result.pullRequests.map((p) => p.number), [7]);
        const c = await vscode.commands.executeCommand<{ pullRequests: { number: number }[] }>('runbook.whatShippedDuringStage', { uri: uri.toString(), stage: 'Stage C' });
        assert.deepEqual(c.pullRequests.map((p) => p.number), [8]);
      });
    } finally {
      await config().update('github.baseUrl', harness, vscode.ConfigurationTarget.Global);
      await github.stop();
    }
  });

  it('sends the Flipper token only to the user settings\' Flipper: a workspace runbook.flipper.apiUrl is ignored', async () => {
    await withWorkspaceSettings({ 'runbook.flipper.apiUrl': otherFlipper.baseUrl }, async () => {
      assert.match(await rejection(vscode.commands.executeCommand('runbook.connectFlipper', { token: NORTHWIND_FLIPPER.token })), /^Set runbook\.flipper\.apiUrl in your user settings/);
      await config().update('flipper.apiUrl', flipper.baseUrl, vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('runbook.connectFlipper', { token: NORTHWIND_FLIPPER.token }), true);
      const uri = await writePlan('labels-v3-plan.md', MID_ROLLOUT_PLAN);
      await vscode.commands.executeCommand('runbook.startNextStage', { uri: uri.toString(), go: true });
    });
    assert.equal(otherFlipper.requests.length, 0);
    assert.ok(flipper.requests.some((r) => r.method === 'POST'));
  });
});
