import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench } from './workbench';

describe('Playbook tree e2e: a person ticks a checklist item', function () {
  let workbench: Workbench | undefined;
  afterEach(async function () {
    if (workbench && this.currentTest?.state === 'failed') await workbench.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    await workbench?.close();
    workbench = undefined;
  });

  it('expands the release plan, ticks "Enable the feature flag", and the file changes', async () => {
    workbench = await Workbench.open('sample');
    await workbench.openViewContainer('Runbook');
    await workbench.expand('Label Service v2 Release Plan');
    await workbench.expand('Canary');
    const row = workbench.treeItem('Enable the feature flag for internal accounts');
    await row.waitFor();
    const file = join(workbench.workspace, 'runbooks', 'release-plan.md');
    assert.match(readFileSync(file, 'utf8'), /^\[ \] Enable the feature flag/m);
    await row.locator('.custom-view-tree-node-item-checkbox, input[type="checkbox"], .monaco-checkbox').first().click();
    const deadline = Date.now() + 15_000;
    while (!/^\[x\] Enable the feature flag/m.test(readFileSync(file, 'utf8'))) {
      assert.ok(Date.now() < deadline, 'the file was not updated within 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    await workbench.treeItem('Canary').locator('.monaco-icon-description-container, .label-description').first().waitFor();
    await workbench.screenshot('playbook-tree-checked');
  });
});
