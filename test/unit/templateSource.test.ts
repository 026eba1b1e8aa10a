import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_SECTIONS } from '../../src/core/incident/recordSections';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { runbookTemplates } from '../../src/core/templates/runbookTemplates';
import { anonymousRawUrl, gitHubWebHost, isOnConfiguredGitHub, parseTemplateLink, templateCandidates, templateLocation, templateName } from '../../src/core/templates/templateSource';
import { requireSeeds } from './seeds';

describe('template sources', () => {
  it('reads GitHub blob and raw URLs, GitHub Enterprise, and raw.githubusercontent.com', () => {
    assert.deepEqual(parseTemplateLink('https://github.com/acme/ops/blob/main/templates/trace.md'), { kind: 'github', url: 'https://github.com/acme/ops/blob/main/templates/trace.md', host: 'github.com', owner: 'acme', repo: 'ops', ref: 'main', path: 'templates/trace.md' });
    assert.deepEqual(parseTemplateLink('https://github.com/acme/ops/raw/v2/a%20b.md?plain=1#L3'), { kind: 'github', url: 'https://github.com/acme/ops/raw/v2/a%20b.md?plain=1#L3', host: 'github.com', owner: 'acme', repo: 'ops', ref: 'v2', path: 'a b.md' });
    const raw = parseTemplateLink('https://raw.githubusercontent.com/acme/ops/refs/heads/main/t.md');
    assert.ok(raw?.kind === 'github');
    assert.equal(raw.host, 'github.com');
    assert.equal(raw.ref, 'refs/heads/main');
    assert.equal(raw.path, 't.md');
    const ghe = parseTemplateLink('https://ghe.corp.example/sre/handbook/blob/release/pm/_template.md');
    assert.ok(ghe?.kind === 'github');
    assert.equal(ghe.host, 'ghe.corp.example');
    const gheRaw = parseTemplateLink('https://ghe.corp.example/raw/sre/handbook/main/pm/_template.md');
    assert.ok(gheRaw?.kind === 'github');
    assert.deepEqual([gheRaw.owner, gheRaw.repo, gheRaw.ref, gheRaw.path], ['sre', 'handbook', 'main', 'pm/_template.md']);
  });

  it('reads other addresses as plain URLs and paths as paths; refuses other schemes', () => {
    assert.deepEqual(parseTemplateLink('https://wiki.example.com/templates/trace.md'), { kind: 'url', url: 'https://wiki.example.com/templates/trace.md' });
    assert.deepEqual(parseTemplateLink('https://github.com/acme/ops'), { kind: 'url', url: 'https://github.com/acme/ops' });
    assert.deepEqual(parseTemplateLink('../templates/trace.md#top'), { kind: 'path', path: '../templates/trace.md' });
    assert.deepEqual(parseTemplateLink(' /docs/t.md '), { kind: 'path', path: '/docs/t.md' });
    assert.equal(parseTemplateLink('javascript:alert(1)'), undefined);
    assert.equal(parseTemplateLink('file:///etc/passwd'), undefined);
    assert.equal(parseTemplateLink('   '), undefined);
    assert.deepEqual(parseTemplateLink('built-in'), { kind: 'builtin' }, 'what the form shows for the built-in template');
  });

  it('names a template by its file and records it as written', () => {
    const source = parseTemplateLink('https://github.com/acme/ops/blob/main/templates/incident_investigation_traceability_template.md');
    assert.ok(source);
    assert.equal(templateName(source), 'incident_investigation_traceability_template.md');
    assert.equal(templateLocation(source), 'https://github.com/acme/ops/blob/main/templates/incident_investigation_traceability_template.md');
    assert.equal(templateName({ kind: 'builtin' }), 'built-in template');
    assert.equal(templateName({ kind: 'path', path: 'docs/t.md' }), 't.md');
  });

  it('sends the token only to the host the configured API serves', () => {
    assert.equal(gitHubWebHost('https://api.github.com'), 'github.com');
    assert.equal(gitHubWebHost('https://ghe.corp.example/api/v3'), 'ghe.corp.example');
    assert.equal(gitHubWebHost('http://127.0.0.1:4567'), 'github.com', 'a proxy or the test server stands in for github.com');
    const dotcom = parseTemplateLink('https://github.com/acme/ops/blob/main/t.md');
    const ghe = parseTemplateLink('https://ghe.corp.example/acme/ops/blob/main/t.md');
    const lookalike = parseTemplateLink('https://github.com.evil.example/acme/ops/blob/main/t.md');
    assert.ok(dotcom && ghe && lookalike);
    assert.equal(isOnConfiguredGitHub(dotcom, 'https://api.github.com'), true);
    assert.equal(isOnConfiguredGitHub(ghe, 'https://api.github.com'), false);
    assert.equal(isOnConfiguredGitHub(dotcom, 'https://ghe.corp.example/api/v3'), false);
    assert.equal(isOnConfiguredGitHub(ghe, 'https://ghe.corp.example/api/v3'), true);
    assert.equal(isOnConfiguredGitHub(lookalike, 'https://api.github.com'), false);
    assert.equal(isOnConfiguredGitHub({ kind: 'url', url: 'https://github.com/x' }, 'https://api.github.com'), false);
  });

  it('fetches anything else anonymously from its raw address', () => {
    const dotcom = parseTemplateLink('https://github.com/acme/ops/blob/refs/heads/main/my%20t.md');
    const ghe = parseTemplateLink('https://ghe.corp.example/acme/ops/blob/main/t.md');
    const gheRaw = parseTemplateLink('https://raw.ghe.corp.example/acme/ops/main/t.md');
    assert.ok(dotcom && ghe && gheRaw);
    assert.equal(anonymousRawUrl(dotcom), 'https://raw.githubusercontent.com/acme/ops/refs/heads/main/my%20t.md');
    assert.equal(anonymousRawUrl(ghe), 'https://ghe.corp.example/acme/ops/raw/main/t.md');
    assert.equal(anonymousRawUrl(gheRaw), 'https://raw.ghe.corp.example/acme/ops/main/t.md');
    assert.equal(anonymousRawUrl({ kind: 'url', url: 'https://wiki.example/t.md' }), 'https://wiki.example/t.md');
    assert.equal(anonymousRawUrl({ kind: 'path', path: 't.md' }), undefined);
  });

  it('orders the candidates: argument, setting, runbook link, built-in', () => {
    const all = templateCandidates({ argument: 'a.md', setting: 'templates/s.md', runbookLink: 'https://github.com/o/r/blob/main/t.md' });
    assert.deepEqual(all.map((c) => c.origin), ['argument', 'setting', 'runbook', 'builtin']);
    assert.deepEqual(templateCandidates({ setting: '', runbookLink: 'https://github.com/o/r/blob/main/t.md' }).map((c) => c.origin), ['runbook', 'builtin']);
    assert.deepEqual(templateCandidates({}).map((c) => c.source.kind), ['builtin']);
  });
});

describe('the templates a runbook links', () => {
  it('finds the Track and Post-incident templates of the sample runbook', () => {
    const text = readFileSync(join(__dirname, '../../sample/runbooks/incident-response.md'), 'utf8');
    const found = runbookTemplates(parseRunbook(text));
    assert.equal(found.traceability?.source.kind === 'github' && found.traceability.source.path, 'templates/incident-traceability.md');
    assert.equal(found.postmortem?.source.kind === 'github' && found.postmortem.source.path, 'templates/postmortem.md');
    assert.match(text.split('\n')[found.traceability?.sectionLine ?? -1] ?? '', /Track/);
  });

  it('takes a link only when "template" is said, so a debugging guide is not one', () => {
    const runbook = parseRunbook([
      '# Plan', '## Debugging', 'Read the [debugging guide](https://github.com/o/r/blob/main/guides/debugging.md).',
      '## Track', '- Start an investigation document from [this template](docs/trace.md).',
      '## After', '- Write a retrospective with [our retro template](https://ghe.corp/o/r/blob/main/retro.md).',
    ].join('\n'));
    const found = runbookTemplates(runbook);
    assert.deepEqual(found.traceability?.source, { kind: 'path', path: 'docs/trace.md' });
    assert.equal(found.postmortem?.source.kind, 'github');
  });

  it('finds nothing in a runbook without template links', () => {
    assert.deepEqual(runbookTemplates(parseRunbook('# Release\n- [ ] 1%\n- See [the dashboard](https://app.datadoghq.com/dashboard/x).')), {});
  });

  it('finds both templates of the real incident response plan', function () {
    const text = requireSeeds(this).find((s) => s.name.startsWith('001_'))?.text ?? '';
    const found = runbookTemplates(parseRunbook(text));
    assert.equal(found.traceability && templateName(found.traceability.source), 'incident_investigation_traceability_template.md');
    assert.equal(found.postmortem?.source.kind === 'github' && found.postmortem.source.repo, 'va.gov-team-sensitive');
  });
});

describe('record sections under a team template\'s names', () => {
  it('knows each section by its synonyms, with emoji, numbering or a colon', () => {
    const cases: [string, keyof typeof RECORD_SECTIONS][] = [
      ['Timeline of events', 'timeline'], ['📅 Chronology', 'timeline'], ['2. Timeline:', 'timeline'],
      ['Related PRs', 'recentChanges'], ['Deployments', 'recentChanges'], ['Graphs', 'dashboards'],
      ['Investigation log', 'debugging'], ['Hypotheses', 'debugging'], ['Action Items', 'postIncident'], ['Follow-ups', 'postIncident'],
      ['Summary of the incident', 'summary'],
    ];
    for (const [title, key] of cases) {
      const matching = Object.entries(RECORD_SECTIONS).filter(([, s]) => s.heading.test(title)).map(([k]) => k);
      assert.deepEqual(matching, [key], title);
    }
    assert.equal(RECORD_SECTIONS.timeline.heading.test('Timelines and plans'), false);
  });
});
