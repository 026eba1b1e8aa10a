import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/packaging';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { default?: unknown; scope?: string }> };
    keybindings: { command: string; when?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const settingsSource = readFileSync(join(REPO_ROOT, 'src', 'features', 'settings.ts'), 'utf8');

describe('the manifest and the settings module agree', () => {
  const properties = manifest.contributes.configuration.properties;

  it('declares, with a default, every setting the settings module reads', () => {
    const keys = [...settingsSource.matchAll(/\b(?:read|userValue)<?[^(]*\(\s*(?:config,\s*)?'([\w.]+)'/g)].map((m) => `runbook.${m[1]}`);
    assert.ok(keys.length >= 10, `found ${keys.length} keys in settings.ts`);
    const missing = keys.filter((key) => !(key in properties) || properties[key]?.default === undefined);
    assert.deepEqual(missing, [], 'settings read without a default in package.json');
  });

  it('keeps every host a secret goes to in user settings only (application scope)', () => {
    const hosts = Object.keys(properties).filter((key) => /(baseUrl|apiUrl|instances)$/.test(key));
    assert.deepEqual(hosts.sort(), ['runbook.flipper.apiUrl', 'runbook.github.baseUrl', 'runbook.pagerduty.apiUrl', 'runbook.servicenow.instances', 'runbook.slack.apiUrl']);
    assert.deepEqual(hosts.filter((key) => properties[key]?.scope !== 'application'), []);
  });

  it('binds keys and menus only to declared commands', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const used = [...manifest.contributes.keybindings, ...Object.values(manifest.contributes.menus).flat()].map((e) => e.command);
    assert.deepEqual(used.filter((c) => !declared.has(c)), []);
  });

  it('puts every keybinding behind a when clause', () => {
    assert.deepEqual(manifest.contributes.keybindings.filter((k) => !k.when).map((k) => k.command), []);
  });

  it('hides incident-only commands from the palette when there is no incident', () => {
    const palette = new Map(manifest.contributes.menus.commandPalette?.map((e) => [e.command, e.when]));
    for (const command of ['runbook.addTimelineEntry', 'runbook.copyNotification', 'runbook.resolveIncident', 'runbook.setIncidentStatus', 'runbook.setSeverity', 'runbook.assignRole', 'runbook.insertRecentChanges']) {
      assert.match(palette.get(command) ?? '', /runbook\.hasActiveIncident/, command);
    }
  });
});
