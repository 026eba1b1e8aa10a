import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IncidentState } from '../../src/core/incident/incident';
import { DEFAULT_TEMPLATE, insertUnderSection, renderIncidentDocument, templateValues } from '../../src/core/incident/incidentDocument';
import { legacyRenderTemplate } from './legacyRenderTemplate';
import { readIncident } from '../../src/core/incident/frontMatter';
import { DEFAULT_POSTMORTEM, renderPostmortem } from '../../src/core/incident/postmortem';
import { RECORD_SECTIONS } from '../../src/core/incident/recordSections';
import { FIELD_ALIASES, type FieldKey } from '../../src/core/templates/fieldAliases';
import { fillTemplate, type FillOptions, incidentFields, type TemplateFields } from '../../src/core/templates/fillTemplate';
import { parseLabelledLine } from '../../src/core/templates/labelledFields';
import { withIncidentFrontMatter } from '../../src/core/templates/recordFrontMatter';

const FIXTURES = join(__dirname, '..', 'fixtures', 'templates');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const SAMPLE = join(__dirname, '..', 'fakes', 'github', 'demo', 'northwind-example', 'handbook', 'main', 'templates');

const STATE: IncidentState = {
  id: '2026-03-01-1305-tracking-500s',
  title: 'Tracking 500s',
  status: 'investigating',
  startedAt: '2026-03-01T13:05:00.000Z',
  detectedAt: '2026-03-01T13:10:00.000Z',
  severity: 2,
  impact: 'Customers cannot see where their parcel is',
  affected: '12%',
  errorTypes: ['500s', 'timeouts'],
  systems: ['Tracking API', 'Carrier Gateway'],
  roles: { coordinator: 'Priya Raman', technicalLead: 'Tomás Ortega' },
  runbook: 'runbooks/incident-response.md',
  progress: [],
};
const RESOLVED: IncidentState = { ...STATE, status: 'resolved', resolvedAt: '2026-03-01T15:20:00.000Z' };
const TZ = 'Europe/Berlin';
const FIELDS = incidentFields(STATE, TZ);
const TRACE: FillOptions = { kind: 'traceability', name: 'incident-traceability.md' };
const POST: FillOptions = { kind: 'postmortem', name: 'postmortem.md' };

function filled(template: string, fields: TemplateFields = FIELDS, options: FillOptions = TRACE) {
  const result = fillTemplate(template, fields, options);
  if (!result.ok) assert.fail(result.message);
  return result;
}

/** The body a template gives, without the sections appended at its end. */
function body(template: string, fields: TemplateFields = FIELDS): string {
  return filled(template, fields, POST).text;
}

/** Lines of `a` not in `b`, as a multiset difference. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const n = counts.get(line) ?? 0;
    if (n === 0) return true;
    counts.set(line, n - 1);
    return false;
  });
}

describe('incidentFields', () => {
  it('gives each field as a person reads it, the date of the start day, and the record id', () => {
    assert.deepEqual(FIELDS, {
      title: 'Tracking 500s',
      date: '2026-03-01',
      startedAt: '2026-03-01 14:05 CET',
      detectedAt: '2026-03-01 14:10 CET',
      startedClock: '14:05 CET',
      impact: 'Customers cannot see where their parcel is',
      affected: '12%',
      severity: '2',
      systems: 'Tracking API, Carrier Gateway',
      errorTypes: '500s, timeouts',
      coordinator: 'Priya Raman',
      technicalLead: 'Tomás Ortega',
      runbook: 'runbooks/incident-response.md',
      status: 'investigating',
      record: '2026-03-01-1305-tracking-500s',
    });
  });

  it('dates the day in the time zone given: 23:30 UTC is the next day in Berlin', () => {
    const late = { ...STATE, startedAt: '2026-03-01T23:30:00.000Z' };
    assert.equal(incidentFields(late, TZ).date, '2026-03-02');
    assert.equal(incidentFields(late, 'UTC').date, '2026-03-01');
  });

  it('has resolvedAt and duration only once the incident is resolved', () => {
    assert.equal(FIELDS.resolvedAt, undefined);
    assert.equal(FIELDS.duration, undefined);
    const resolved = incidentFields(RESOLVED, TZ);
    assert.equal(resolved.resolvedAt, '2026-03-01 16:20 CET');
    assert.equal(resolved.duration, '2h 15m');
  });
});

describe('labelled fields', () => {
  const every = Object.fromEntries(Object.keys(FIELD_ALIASES).map((key) => [key, `value of ${key}`])) as TemplateFields;

  for (const [key, aliases] of Object.entries(FIELD_ALIASES) as [FieldKey, string[]][]) {
    for (const alias of aliases) {
      it(`"${alias}" fills ${key}, in each way a template writes a label`, () => {
        const title = alias.replace(/\b\w/g, (c) => c.toUpperCase());
        const forms = [`${title}: TBD`, `**${title}:** TBD`, `**${title}**: <${alias}>`, `- ${alias.toUpperCase()}:`, `* ${title}: _who knows_`, `1. ${title}: [fill in]`, `  - **${title}:** ...`, `__${title}:__ TBA`];
        const template = `${forms.join('\n')}\n`;
        const result = filled(template, every, POST);
        const want = forms.map((line) => `${parseLabelledLine(line)?.head} value of ${key}`);
        assert.equal(result.text, `${want.join('\n')}\n`);
        assert.equal(result.unfilled.length, 0);
      });
    }
  }

  it('recognises each placeholder: empty, TBD, TBA, TODO, <…>, […], _…_, *…*, …, ...', () => {
    for (const value of ['', ' ', 'TBD', 'tbd', 'TBA', 'TODO', '**TBD**', '<YYYY-MM-DD>', '[date]', '_the day it started_', '*the day*', '…', '...']) {
      assert.equal(body(`Date: ${value}\n`), 'Date: 2026-03-01\n', JSON.stringify(value));
    }
  });

  it('leaves a value a person wrote: text, a link, an autolink, bold text, a checked box', () => {
    for (const line of ['Date: 2026-02-02', 'Runbook: [the plan](plan.md)', 'Runbook: <https://example.com/plan>', 'Severity: **1**', 'Status: - [x] done', 'Impact: none so far']) {
      assert.equal(body(`${line}\n`), `${line}\n`);
    }
  });

  it('keeps a trailing HTML comment: it is the template\'s instruction', () => {
    assert.equal(body('- Date: TBD <!-- YYYY-MM-DD -->\n'), '- Date: 2026-03-01 <!-- YYYY-MM-DD -->\n');
    assert.equal(body('- Date: <!-- YYYY-MM-DD -->\n'), '- Date: 2026-03-01 <!-- YYYY-MM-DD -->\n');
  });

  it('keeps the indentation, the marker and the emphasis; one space after the label', () => {
    assert.equal(body('   7)   **Start time**:\t\tTBD   \n'), '   7)   **Start time**: 2026-03-01 14:05 CET\n');
  });

  it('fills a labelled line that holds a pipe, and not a person\'s "Name:"', () => {
    assert.equal(body('Status: | TBD |\nDate: TBD\n- Name: <who>\n'), 'Status: | TBD |\nDate: 2026-03-01\n- Name: <who>\n');
    assert.equal(body('Severity: _1 | 2 | 3 | 4_\n'), 'Severity: 2\n');
  });

  it('puts a value on one line', () => {
    assert.equal(body('Impact: TBD\n', { impact: 'first line\r\nsecond line' }), 'Impact: first line second line\n');
  });

  it('an empty value leaves the line as it was and the label goes to unfilled', () => {
    const result = filled('**Technical Lead:** <name>\n- Affected users: TBD\n', { ...FIELDS, technicalLead: '', affected: '' });
    assert.equal(result.text.split('\n## ')[0], '**Technical Lead:** <name>\n- Affected users: TBD\n');
    assert.deepEqual(result.unfilled, ['Technical Lead', 'Affected users']);
    assert.deepEqual(result.filled, []);
  });

  it('lists unknown labels of list items, bold labels and placeholders as unfilled, not a plain line introducing what follows', () => {
    const result = filled('- Customer ticket: TBD\n**Slack thread:**\nPager alert: <id>\nSteps:\n1. Look\nSee: https://example.com\n');
    assert.deepEqual(result.unfilled, ['Customer ticket', 'Slack thread', 'Pager alert']);
  });

  it('does not read headings, quotes, table rows, code, comments or the front matter as fields', () => {
    const template = ['---', 'date: TBD', 'status:', '---', '## Date: TBD', '> Date: TBD', '```', 'Date: TBD', '```', '<!--', 'Date: TBD', '-->', '<!-- Date: TBD -->', '    Date: TBD', 'At 10:30 TBD', ''].join('\n');
    assert.equal(body(template), template);
  });

  it('fills a template\'s placeholders that nothing fills with nothing: the template comes back as it was', () => {
    const template = fixture('traceability-labelled.md');
    const result = filled(template, {}, POST);
    assert.equal(result.text, template);
    assert.deepEqual(result.filled, []);
    assert.ok(result.unfilled.includes('Date') && result.unfilled.includes('Incident Commander') && result.unfilled.includes('Severity'), result.unfilled.join());
  });
});

describe('field | value tables', () => {
  it('fills the value cell of a row that names a field, escaping pipes, and keeps the others', () => {
    const template = ['| Field | Value |', '|-------|-------|', '| Severity | TBD |', '| Systems involved | |', '|Impact||', '| **Error types:** | <list> |', '| Owner team | Claims |', '| Zendesk macro | <link> |', ''].join('\n');
    const result = filled(template, { ...FIELDS, systems: 'A | B' }, POST);
    assert.equal(result.text, ['| Field | Value |', '|-------|-------|', '| Severity | 2 |', '| Systems involved | A \\| B |', '|Impact|Customers cannot see where their parcel is|', '| **Error types:** | 500s, timeouts |', '| Owner team | Claims |', '| Zendesk macro | <link> |', ''].join('\n'));
    assert.deepEqual(result.filled, ['Severity', 'Systems involved', 'Impact', 'Error types']);
    assert.deepEqual(result.unfilled, ['Zendesk macro']);
  });

  it('fills a row that stops before its value cell, and a table without outer pipes', () => {
    assert.equal(body('| Field | Value |\n| --- | --- |\n| Date |\n'), '| Field | Value |\n| --- | --- |\n| Date | 2026-03-01 |\n');
    assert.equal(body('Field | Value\n:-- | --:\nSeverity | TBD\nStatus |\n'), 'Field | Value\n:-- | --:\nSeverity | 2\nStatus | investigating |\n');
  });

  it('leaves tables of more than two columns, and rows after the table ended', () => {
    const template = '| Field | Value | Note |\n|---|---|---|\n| Severity | TBD | |\n\n| Severity | TBD |\n';
    assert.equal(body(template), template);
  });

  it('does not take a header row for a field', () => {
    assert.equal(body('| Date | TBD |\n|---|---|\n| Start | |\n'), '| Date | TBD |\n|---|---|\n| Start | 2026-03-01 14:05 CET |\n');
  });
});

describe('every other byte kept', () => {
  const cases: [string, string, FillOptions][] = [
    ['traceability-labelled.md', fixture('traceability-labelled.md'), TRACE],
    ['investigation-frontmatter.md', fixture('investigation-frontmatter.md'), TRACE],
    ['investigation-frontmatter-crlf.md', fixture('investigation-frontmatter-crlf.md'), TRACE],
    ['the demo\'s traceability template', readFileSync(join(SAMPLE, 'incident-traceability.md'), 'utf8'), TRACE],
  ];
  for (const [name, template, options] of cases) {
    it(`${name}: only the filled lines differ, each only after its label`, () => {
      const result = filled(template, FIELDS, options);
      const before = template.split('\n').slice(0, -1);
      const after = result.text.split('\n').slice(0, before.length);
      const changed = minus(before, after);
      const added = minus(after, before);
      assert.equal(changed.length, added.length);
      assert.ok(result.filled.length > 0);
      for (let i = 0; i < before.length; i++) {
        const was = before[i] ?? '';
        const now = after[i] ?? '';
        if (was === now) continue;
        assert.ok(changed.includes(was), was);
        const prefix = was.includes('{{') ? was.slice(0, was.indexOf('{{')) : was.startsWith('|') ? was.slice(0, was.indexOf('|', 1) + 1) : parseLabelledLine(was.replace(/\r$/, ''))?.head;
        assert.ok(prefix !== undefined && now.startsWith(prefix), `${JSON.stringify(was)} became ${JSON.stringify(now)}`);
        assert.equal(now.endsWith('\r'), was.endsWith('\r'));
      }
    });
  }

  it('a CRLF template stays CRLF, the sections it gains too, and reads as its LF twin', () => {
    const crlf = filled(fixture('investigation-frontmatter-crlf.md')).text;
    const lf = filled(fixture('investigation-frontmatter.md')).text;
    assert.equal(crlf, lf.replace(/\n/g, '\r\n'));
    assert.equal(crlf.split('\n').slice(0, -1).filter((line) => !line.endsWith('\r')).length, 0);
    assert.ok(crlf.endsWith('## Dashboards\r\n'));
  });

  it('drops a byte order mark: the record\'s front matter goes above the text', () => {
    assert.equal(body('\uFEFFDate:\n'), 'Date: 2026-03-01\n');
  });
});

describe('section mapping', () => {
  it('finds the record\'s sections under the template\'s synonyms and appends only the missing ones, in the record\'s order', () => {
    const investigation = filled(fixture('investigation-frontmatter.md')).text;
    assert.ok(investigation.endsWith('## Action items\n- [ ] \n\n## Dashboards\n'), investigation);
    const labelled = filled(fixture('traceability-labelled.md')).text;
    assert.ok(labelled.endsWith('* Reviewed by:\n\n## Recent Changes\n\n## Dashboards\n\n## Post-incident\n'), labelled);
    assert.equal(labelled.split('## Timeline').length, 2);
    const demo = filled(readFileSync(join(SAMPLE, 'incident-traceability.md'), 'utf8')).text;
    assert.ok(demo.endsWith('## Follow-ups\n\n## Dashboards\n'), demo);
  });

  it('appends after a template that does not end its last line, and to an empty one', () => {
    assert.equal(filled('# Notes').text, '# Notes\n\n## Timeline\n\n## Recent Changes\n\n## Dashboards\n\n## Debugging Details\n\n## Post-incident\n');
    assert.equal(filled('').text, '\n## Timeline\n\n## Recent Changes\n\n## Dashboards\n\n## Debugging Details\n\n## Post-incident\n');
  });

  it('does not count a heading in a code block or comment as the section', () => {
    const text = filled('<!--\n## Timeline\n-->\n```\n## Dashboards\n```\n## Changes\n## Investigation\n## Follow ups\n').text;
    assert.ok(text.endsWith('## Follow ups\n\n## Timeline\n\n## Dashboards\n'), text);
  });

  it('a record made from a team template keeps working: its timeline entries land under its own heading', () => {
    const record = withIncidentFrontMatter(filled(fixture('investigation-frontmatter.md')).text, STATE);
    assert.ok(record.ok);
    const inserted = insertUnderSection(record.text, RECORD_SECTIONS.timeline.heading, ['- 14:10 CET — Detected: alert']);
    assert.ok(inserted?.text.includes('## Chronology\n- 14:10 CET — Detected: alert\n\n## Related PRs'), inserted?.text);
  });

  describe('the post-mortem', () => {
    const SECTIONS = { summary: ['The tracking API failed for two hours.'], timeline: ['- 14:05 CET — declared', '- 15:10 CET — rolled back'], recentChanges: ['- #123 carrier client'], postIncident: ['- [x] Removed the maintenance window'] };
    const options: FillOptions = { ...POST, sections: SECTIONS };
    const resolved = incidentFields(RESOLVED, TZ);

    it('fills the fields and puts the content under the template\'s empty sections, after their instructions; appends nothing', () => {
      const result = filled(fixture('postmortem.md'), resolved, options);
      assert.equal(result.text, fixture('postmortem.md')
        .replace('**Date:** TBD', '**Date:** 2026-03-01')
        .replace('**Duration:** TBD', '**Duration:** 2h 15m')
        .replace('**Severity:** TBD', '**Severity:** 2')
        .replace('**Incident Commander:** TBD', '**Incident Commander:** Priya Raman')
        .replace('how it was fixed._\n', 'how it was fixed._\n\nThe tracking API failed for two hours.\n')
        .replace('SLO budget burned. -->\n', 'SLO budget burned. -->\n\nCustomers cannot see where their parcel is (12%)\n')
        .replace('_All times in UTC._\n', '_All times in UTC._\n\n- 14:05 CET — declared\n- 15:10 CET — rolled back\n'));
      assert.deepEqual(result.unfilled, ['Authors']);
      assert.ok(result.filled.includes('Summary') && result.filled.includes('Timeline') && result.filled.includes('Impact'));
    });

    it('never duplicates: a section that already says something is left alone, and filling twice changes nothing', () => {
      const once = filled(fixture('postmortem.md'), resolved, options).text;
      assert.equal(filled(once, resolved, options).text, once);
      const written = '## Timeline\n- 13:00 — what we wrote\n\n## Summary\n';
      assert.equal(filled(written, resolved, options).text, '## Timeline\n- 13:00 — what we wrote\n\n## Summary\nThe tracking API failed for two hours.\n');
    });

    it('maps sections by synonym: Deployments for Recent Changes, Chronology for the timeline; a template\'s {{timeline}} is its one place', () => {
      const demo = filled(readFileSync(join(SAMPLE, 'postmortem.md'), 'utf8'), resolved, options).text;
      assert.ok(demo.includes('## Timeline\n- 14:05 CET — declared\n- 15:10 CET — rolled back\n\n## Deployments'), demo);
      assert.ok(demo.includes('before the incident._\n\n- #123 carrier client\n'), demo);
      assert.ok(demo.includes('- **Resolved at:** 2026-03-01 16:20 CET'), demo);
      const placed = filled('## Timeline of events\n{{timeline}}\n\n## Chronology\n', resolved, options).text;
      assert.equal(placed, '## Timeline of events\n- 14:05 CET — declared\n- 15:10 CET — rolled back\n\n## Chronology\n');
    });

    it('a CRLF post-mortem gets CRLF content', () => {
      const crlf = filled(fixture('postmortem.md').replace(/\n/g, '\r\n'), resolved, options).text;
      assert.equal(crlf, filled(fixture('postmortem.md'), resolved, options).text.replace(/\n/g, '\r\n'));
    });
  });
});

describe('{{placeholders}}', () => {
  it('keep working with the existing names', () => {
    const result = filled('# {{title}} ({{ id }})\nStarted {{startedAt}} ({{startedClock}}), {{status}}, SEV{{severity}}\n');
    assert.ok(result.text.startsWith('# Tracking 500s (2026-03-01-1305-tracking-500s)\nStarted 2026-03-01 14:05 CET (14:05 CET), investigating, SEV2\n'), result.text);
  });

  it('an unknown one is an error naming the template, it and the valid names', () => {
    const result = fillTemplate('# {{title}}\n{{owner}} {{ team }}\n', FIELDS, TRACE);
    assert.deepEqual(result, { ok: false, message: 'Template incident-traceability.md has unknown placeholders {{owner}}, {{team}}. Valid names: id, title, status, severity, impact, affected, errorTypes, systems, coordinator, technicalLead, startedAt, detectedAt, startedClock, runbook.' });
  });

  it('the post-mortem\'s names are known only in a post-mortem', () => {
    assert.equal(fillTemplate('{{duration}}\n', FIELDS, TRACE).ok, false);
    const result = fillTemplate('{{nope}}', FIELDS, POST);
    assert.ok(!result.ok && result.message.endsWith('runbook, resolvedAt, duration, summary, timeline, postIncident.'));
  });

  it('a value is not read again for placeholders or labels', () => {
    assert.equal(body('# {{title}}\nDate:\n', { title: '{{nope}} Date: TBD', date: '{{x}}' }), '# {{nope}} Date: TBD\nDate: {{x}}\n');
  });
});

describe('the built-in templates through fillTemplate', () => {
  it('DEFAULT_TEMPLATE gives what the {{placeholder}} renderer gave', () => {
    for (const state of [STATE, { ...STATE, affected: undefined, roles: {}, runbook: undefined }]) {
      const before = legacyRenderTemplate(DEFAULT_TEMPLATE, templateValues(state, TZ));
      const after = fillTemplate(DEFAULT_TEMPLATE, incidentFields(state, TZ), TRACE);
      assert.ok(before.ok && after.ok);
      assert.equal(after.text, before.text);
    }
  });

  it('DEFAULT_POSTMORTEM gives what renderPostmortem gives', () => {
    const record = renderIncidentDocument(RESOLVED, DEFAULT_TEMPLATE, 'Detected: alert', { timeZone: TZ });
    assert.ok(record.ok);
    const sections = { summary: ['It broke.'], timeline: ['- 14:10 CET — Detected: alert', '- 16:20 CET — Resolved'], postIncident: ['- [x] Told support'] };
    const recordText = record.text.replace('_Leave blank until the incident is resolved._', 'It broke.').replace('## Post-incident\n', '## Post-incident\n- [x] Told support\n').replace('Detected: alert\n', 'Detected: alert\n- 16:20 CET — Resolved\n');
    const before = renderPostmortem(DEFAULT_POSTMORTEM, RESOLVED, recordText, new Date(RESOLVED.resolvedAt as string), { timeZone: TZ });
    const after = fillTemplate(DEFAULT_POSTMORTEM, incidentFields(RESOLVED, TZ), { ...POST, sections });
    assert.ok(before.ok && after.ok);
    assert.equal(after.text, before.text);
  });
});

describe('the record\'s front matter', () => {
  it('a template with its own front matter keeps its keys and gains the incident\'s', () => {
    const record = withIncidentFrontMatter(filled(fixture('investigation-frontmatter.md')).text, STATE);
    assert.ok(record.ok);
    assert.ok(record.text.startsWith('---\ntemplate_version: 3\nowner: sre\nreview: quarterly # who keeps this template current\nid: 2026-03-01-1305-tracking-500s\n'), record.text);
    const read = readIncident(record.text);
    assert.ok(read.ok && read.state.title === 'Tracking 500s');
    assert.equal(record.text.split('---\n').length, 3);
  });

  it('any other template gets the incident\'s block above it, in its line endings', () => {
    const lf = withIncidentFrontMatter('# T\n', STATE);
    assert.ok(lf.ok && lf.text.startsWith('---\nid: ') && lf.text.endsWith('---\n# T\n'));
    const crlf = withIncidentFrontMatter('# T\r\n', STATE);
    assert.ok(crlf.ok && crlf.text.startsWith('---\r\nid: ') && !/[^\r]\n/.test(crlf.text));
  });
});

describe('hostile templates', () => {
  const LONG = 100_000;
  const hostile = [
    '*'.repeat(LONG),
    '|'.repeat(LONG),
    '_'.repeat(LONG),
    '**:'.repeat(LONG / 3),
    `- **${'a'.repeat(LONG)}`,
    `Date:${' '.repeat(LONG)}x`,
    `${'<!--'.repeat(LONG / 4)}`,
    `Date: ${'<!-- '.repeat(LONG / 5)}-->`,
    `| Date | ${'\\|'.repeat(LONG / 2)}`,
    `${'{{'.repeat(LONG / 2)}`,
    `${'#'.repeat(LONG)} Timeline`,
    `- ${'[ '.repeat(LONG / 2)}`,
  ];
  for (const [index, line] of hostile.entries()) {
    it(`completes on a line of 100,000 characters (${index + 1}: ${JSON.stringify(line.slice(0, 8))}…)`, () => {
      const template = `| Field | Value |\n|---|---|\n${line}\n${line}\n## Summary\n${line}\n`;
      for (const options of [TRACE, { ...POST, sections: { summary: ['x'] } }]) {
        const result = fillTemplate(template, FIELDS, options);
        assert.ok(result.ok || result.message.includes('placeholder'));
      }
    });
  }

  it('completes on 100,000 labelled lines', () => {
    const template = 'Date: TBD\n| Field | Value |\n|---|---|\n| Date | |\n'.repeat(25_000);
    const result = fillTemplate(template, FIELDS, TRACE);
    assert.ok(result.ok && result.text.split('2026-03-01').length === 50_001);
  });
});
