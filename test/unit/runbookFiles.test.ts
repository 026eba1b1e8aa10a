import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunbookMatcher } from '../../src/core/runbookFiles';

/** The defaults users get, read from the manifest so the test follows it. */
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: string[] }> } };
};
const DEFAULTS = manifest.contributes.configuration.properties['runbook.files']?.default ?? [];

describe('createRunbookMatcher with the default runbook.files patterns', () => {
  const matcher = createRunbookMatcher(DEFAULTS);

  for (const path of [
    'runbooks/payments.md',
    'ops/runbooks/db/failover.md',
    'playbooks/checkout.md',
    'docs/Incident-Response-Plan.md',
    'INCIDENT-RESPONSE.md',
    'team/DBEX Release-Plan.md',
    'support/production-support.md',
    'Payments_Runbook.md',
    'playbook.md',
  ]) {
    it(`matches ${path}`, () => assert.equal(matcher.matches(path), true));
  }

  for (const path of [
    'README.md',
    'docs/meeting-notes.md',
    'runbooks/diagram.png',
    'node_modules/pkg/runbooks/readme.md',
    '.git/runbooks/x.md',
    'runbooks.txt',
  ]) {
    it(`does not match ${path}`, () => assert.equal(matcher.matches(path), false));
  }

  it('accepts Windows separators and a leading ./', () => {
    assert.equal(matcher.matches('ops\\runbooks\\a.md'), true);
    assert.equal(matcher.matches('./runbooks/a.md'), true);
  });
});

describe('createRunbookMatcher with user patterns', () => {
  it('reports invalid patterns instead of throwing, and keeps the valid ones', () => {
    const matcher = createRunbookMatcher(['docs/[oncall.md', 'ops/*.md']);
    assert.deepEqual(matcher.invalidPatterns, ['docs/[oncall.md']);
    assert.equal(matcher.matches('ops/db.md'), true);
  });

  it('matches nothing when the list is empty or blank', () => {
    assert.equal(createRunbookMatcher([]).matches('runbooks/a.md'), false);
    assert.equal(createRunbookMatcher(['  ']).matches('runbooks/a.md'), false);
  });
});
