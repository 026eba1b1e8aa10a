import * as assert from 'node:assert/strict';
import { fillIssueTemplate, type IssueTemplate, missingRequiredFields, parseIssueTemplate } from '../../src/core/followUps/issueTemplate';
import { type IncidentState } from '../../src/core/incident/incident';
import { incidentFields } from '../../src/core/templates/fillTemplate';

const STATE: IncidentState = {
  id: '2026-03-01-1305-tracking-500s',
  title: 'Tracking 500s',
  status: 'resolved',
  startedAt: '2026-03-01T13:05:00.000Z',
  detectedAt: '2026-03-01T13:10:00.000Z',
  resolvedAt: '2026-03-01T15:20:00.000Z',
  severity: 2,
  impact: 'Customers cannot see where their parcel is',
  affected: '12%',
  errorTypes: ['500s'],
  systems: ['Tracking API', 'Carrier Gateway'],
  roles: { coordinator: 'Priya Raman', technicalLead: 'Tomás Ortega' },
  progress: [],
};
const FIELDS = incidentFields(STATE, 'Europe/Berlin');

/** Shaped like a team's service-desk ticket template: front matter with `labels:` as a string, a task list. */
const TICKET = `---
name: Operations team's service desk ticket
about: Template for tracking service desk tickets
title: "[DESK]: TICKET NUMBER <service desk ticket number>"
labels: backend, bug, service-desk, ops-checkin
assignees: ''

---

## Tasks
- [ ] Ask for more information if it is needed to diagnose the issue
- [ ] Find out whether the software is at fault
- [ ] Open follow-up tickets to fix any software issue
- [ ] Write every note in the service desk ticket
- [ ] Close the ticket when
     - [ ] 30 days passed since we asked for more information without an answer
     - [ ] we found the issue and fixed it or opened a ticket to fix it
`;

/** A follow-up template with fields to fill: a list of labels, labelled lines, a field | value table, placeholders. */
const FOLLOW_UP = `---
name: Incident follow-up
about: Work that came out of an incident
title: '[Follow-up] '
labels:
  - follow-up
  - incident
assignees: [octocat, hubot]
---

**Incident:**
**Severity:** TBD
- Impact: <who was affected>
- Record: {{id}}
- Owner: {{owner}}

| Field | Value |
| --- | --- |
| Systems | TBD |
| Runbook | docs/plan.md |

## What needs to be done

_Describe the change._

## Notes
Keep this issue small.
`;

/** An issue form like GitHub's documentation's example, for incident follow-ups. */
const FORM = `name: Incident follow-up
description: Track work that came out of an incident review.
title: "[Follow-up] "
labels: ["follow-up", "incident"]
assignees:
  - sre-oncall
body:
  - type: markdown
    attributes:
      value: |
        Thanks for writing this down while it is fresh!
  - type: input
    id: incident
    attributes:
      label: Incident
      description: Which incident is this a follow-up of?
      placeholder: ex. 2026-03-01 Tracking 500s
    validations:
      required: true
  - type: dropdown
    id: severity
    attributes:
      label: Severity
      description: How bad was it?
      options:
        - Sev 1 (critical)
        - Sev 2
        - Sev 3
      default: 2
    validations:
      required: true
  - type: textarea
    id: impact
    attributes:
      label: Impact
  - type: textarea
    id: what-needs-to-be-done
    attributes:
      label: What needs to be done?
      placeholder: Tell us what you would change
    validations:
      required: true
  - type: textarea
    id: logs
    attributes:
      label: Relevant log output
      render: shell
      value: |
        No logs yet
  - type: checkboxes
    id: checklist
    attributes:
      label: Checklist
      options:
        - label: I linked the incident record
          required: true
        - label: I added a due date
`;

function parsed(text: string, fileName: string): IssueTemplate {
  const result = parseIssueTemplate(text, fileName);
  if (!result.ok) assert.fail(result.message);
  return result.template;
}

function message(text: string, fileName: string): string {
  const result = parseIssueTemplate(text, fileName);
  if (result.ok) assert.fail(`${fileName} parsed`);
  return result.message;
}

/** A form of the given fields (YAML lines under `body:`). */
function form(body: string): IssueTemplate {
  return parsed(`name: Form\ndescription: A form\nbody:\n${body}`, 'form.yml');
}

describe('parseIssueTemplate: Markdown templates', () => {
  it('reads the front matter, labels as a comma-separated string, and keeps the body after it byte for byte', () => {
    const template = parsed(TICKET, '.github/ISSUE_TEMPLATE/ops-desk-ticket.md');
    assert.deepEqual({ ...template, body: undefined }, {
      kind: 'markdown',
      name: "Operations team's service desk ticket",
      about: 'Template for tracking service desk tickets',
      title: '[DESK]: TICKET NUMBER <service desk ticket number>',
      labels: ['backend', 'bug', 'service-desk', 'ops-checkin'],
      assignees: [],
      body: undefined,
      fields: [],
    });
    assert.equal(template.body, TICKET.slice(TICKET.indexOf('\n---\n') + 5));
    assert.ok(template.body.startsWith('\n## Tasks\n'));
  });

  it('reads labels and assignees written as YAML lists', () => {
    const template = parsed(FOLLOW_UP, 'follow-up.md');
    assert.deepEqual([template.labels, template.assignees, template.title], [['follow-up', 'incident'], ['octocat', 'hubot'], '[Follow-up] ']);
  });

  it('without front matter: the file name is the name, no title, labels or assignees, and the whole text is the body', () => {
    const text = '## What needs to be done\n\n---\n\nSomething.\n';
    const template = parsed(text, '.github/ISSUE_TEMPLATE/plain-task.md');
    assert.deepEqual(template, { kind: 'markdown', name: 'plain-task.md', title: '', labels: [], assignees: [], body: text, fields: [] });
  });

  it('with front matter that sets no name or title: the file name, and an empty title', () => {
    const template = parsed('---\nabout: Something to do\nlabels: \n---\nBody\n', 'TASK.MD');
    assert.deepEqual([template.name, template.about, template.title, template.labels, template.body], ['TASK.MD', 'Something to do', '', [], 'Body\n']);
  });

  it('keeps CRLF line endings in the body', () => {
    const template = parsed(FOLLOW_UP.replace(/\n/g, '\r\n'), 'follow-up.md');
    assert.ok(template.body.startsWith('\r\n**Incident:**\r\n'));
    assert.deepEqual(template.labels, ['follow-up', 'incident']);
  });
});

describe('parseIssueTemplate: issue forms', () => {
  it('reads the fields of each type in order, skips Markdown blocks, and knows the required ones', () => {
    const template = parsed(FORM, '.github/ISSUE_TEMPLATE/follow-up.yml');
    assert.deepEqual({ ...template, body: undefined }, {
      kind: 'form',
      name: 'Incident follow-up',
      about: 'Track work that came out of an incident review.',
      title: '[Follow-up] ',
      labels: ['follow-up', 'incident'],
      assignees: ['sre-oncall'],
      body: undefined,
      fields: [
        { id: 'incident', type: 'input', label: 'Incident', required: true, description: 'Which incident is this a follow-up of?' },
        { id: 'severity', type: 'dropdown', label: 'Severity', required: true, options: ['Sev 1 (critical)', 'Sev 2', 'Sev 3'], value: 'Sev 3', description: 'How bad was it?' },
        { id: 'impact', type: 'textarea', label: 'Impact', required: false },
        { id: 'what-needs-to-be-done', type: 'textarea', label: 'What needs to be done?', required: true },
        { id: 'logs', type: 'textarea', label: 'Relevant log output', required: false, value: 'No logs yet' },
        { id: 'checklist', type: 'checkboxes', label: 'Checklist', required: true, options: ['I linked the incident record', 'I added a due date'] },
      ],
    });
  });

  it('builds the body a person edits as GitHub renders a form: ### label, the starting answer, checkboxes unticked', () => {
    assert.equal(
      parsed(FORM, 'follow-up.yaml').body,
      '### Incident\n\n\n\n### Severity\n\nSev 3\n\n### Impact\n\n\n\n### What needs to be done?\n\n\n\n### Relevant log output\n\nNo logs yet\n\n### Checklist\n\n- [ ] I linked the incident record\n- [ ] I added a due date\n\n',
    );
  });

  it('reads labels as a comma-separated string, the file name when there is no name, and an input\'s value', () => {
    const template = parsed('labels: bug, triage\nbody:\n  - type: input\n    attributes:\n      label: Ticket\n      value: DESK-\n', 'desk.yml');
    assert.deepEqual([template.name, template.title, template.labels, template.assignees, template.fields], ['desk.yml', '', ['bug', 'triage'], [], [{ type: 'input', label: 'Ticket', required: false, value: 'DESK-' }]]);
  });
});

describe('parseIssueTemplate: what it refuses, naming the file', () => {
  const cases: [string, string, string, string][] = [
    ['front matter never closed', '---\nname: Task\ntitle: x\n\nBody\n', 'task.md', 'Issue template task.md: its front matter (the --- block at the top) is never closed by a --- line'],
    ['front matter not a mapping', '---\n- one\n- two\n---\nBody\n', 'task.md', 'Issue template task.md: its front matter is not a mapping of fields (key: value lines)'],
    ['front matter not YAML', '---\nname: [Task\n---\nBody\n', 'task.md', 'Issue template task.md: its front matter is not valid YAML: '],
    ['a form that is not YAML', '## Describe the bug\n- what\nhappened: here\n', 'bug.yml', 'Issue template bug.yml: it is not valid YAML: '],
    ['a form that is not a mapping', '- type: input\n', 'bug.yml', 'Issue template bug.yml: it is not a mapping of fields (key: value lines)'],
    ['a form without body', 'name: Bug\ndescription: A bug\n', 'bug.yml', "Issue template bug.yml: it has no body (the list of the form's fields)"],
    ['a body that is not a list', 'name: Bug\nbody: the fields\n', 'bug.yaml', 'Issue template bug.yaml: its body is not a list of fields (- type: … lines)'],
    ['a field that is not a mapping', 'body:\n  - input\n', 'bug.yml', 'Issue template bug.yml: field 1 of its body is not a mapping (type:, attributes:)'],
    ['a field without a label', 'body:\n  - type: markdown\n    attributes:\n      value: Hi\n  - type: textarea\n    id: what\n    attributes:\n      description: What happened?\n', 'bug.yml', 'Issue template bug.yml: field 2 of its body (textarea) has no label'],
    ['a duplicate id', 'body:\n  - type: input\n    id: what\n    attributes: { label: What }\n  - type: textarea\n    id: what\n    attributes: { label: Why }\n', 'bug.yml', 'Issue template bug.yml: field 2 of its body (Why) has the id "what" of an earlier field; ids must be unique'],
    ['an unknown field type', 'body:\n  - type: radio\n    attributes: { label: Pick }\n', 'bug.yml', 'Issue template bug.yml: field 1 of its body has type "radio"; it must be markdown, input, textarea, dropdown or checkboxes'],
    ['a file that is no template', 'name: Bug\n', 'bug.json', 'Issue template bug.json: it is not an issue template: its name must end in .md (Markdown) or .yml/.yaml (an issue form)'],
    ['a YAML alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nbody: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n', 'bug.yml', 'Issue template bug.yml: it cannot be read: '],
  ];
  for (const [what, text, fileName, want] of cases) {
    it(what, () => {
      const got = message(text, fileName);
      if (want.endsWith(': ')) assert.ok(got.startsWith(want) && got.length > want.length, got);
      else assert.equal(got, want);
    });
  }
});

describe('fillIssueTemplate: Markdown templates', () => {
  it('fills labelled fields, table rows and placeholders, keeps every other byte, and leaves an unknown placeholder as written', () => {
    const result = fillIssueTemplate(parsed(FOLLOW_UP, 'follow-up.md'), FIELDS, {});
    assert.equal(
      result.body,
      `
**Incident:** Tracking 500s
**Severity:** 2
- Impact: Customers cannot see where their parcel is
- Record: 2026-03-01-1305-tracking-500s
- Owner: {{owner}}

| Field | Value |
| --- | --- |
| Systems | Tracking API, Carrier Gateway |
| Runbook | docs/plan.md |

## What needs to be done

_Describe the change._

## Notes
Keep this issue small.
`,
    );
    assert.deepEqual(result.filled, ['Incident', 'Severity', 'Impact', 'Systems']);
    assert.deepEqual(result.unfilled, ['{{owner}}']);
    assert.deepEqual([result.labels, result.assignees], [['follow-up', 'incident'], ['octocat', 'hubot']]);
  });

  it('keeps CRLF line endings', () => {
    const result = fillIssueTemplate(parsed(FOLLOW_UP.replace(/\n/g, '\r\n'), 'follow-up.md'), FIELDS, { body: 'Add an alert on 5xx.\nPage the on-call.' });
    assert.ok(result.body.startsWith('\r\n**Incident:** Tracking 500s\r\n**Severity:** 2\r\n'), JSON.stringify(result.body.slice(0, 60)));
    assert.ok(result.body.includes('## What needs to be done\r\n\r\n_Describe the change._\r\n\r\nAdd an alert on 5xx.\r\nPage the on-call.\r\n\r\n## Notes\r\n'), JSON.stringify(result.body));
    assert.equal(result.body.replace(/\r\n/g, '').includes('\n'), false);
  });

  it('leaves a template without fields as it is (no sections appended)', () => {
    const template = parsed(TICKET, 'ops-desk-ticket.md');
    const result = fillIssueTemplate(template, FIELDS, {});
    assert.deepEqual([result.body, result.filled, result.unfilled], [template.body, [], []]);
  });
});

describe('fillIssueTemplate: issue forms', () => {
  it('answers fields from the incident: the severity\'s option, the impact, the incident title; keeps starting values and checkboxes', () => {
    const result = fillIssueTemplate(parsed(FORM, 'follow-up.yml'), FIELDS, { title: 'Add an alert on 5xx' });
    assert.equal(
      result.body,
      '### Incident\n\nTracking 500s\n\n### Severity\n\nSev 2\n\n### Impact\n\nCustomers cannot see where their parcel is\n\n### What needs to be done?\n\n\n\n### Relevant log output\n\nNo logs yet\n\n### Checklist\n\n- [ ] I linked the incident record\n- [ ] I added a due date\n\n',
    );
    assert.deepEqual(result.filled, ['Incident', 'Severity', 'Impact']);
    assert.deepEqual(result.unfilled, ['What needs to be done?', 'Relevant log output', 'Checklist']);
    assert.deepEqual([result.title, result.labels, result.assignees], ['[Follow-up] Add an alert on 5xx', ['follow-up', 'incident'], ['sre-oncall']]);
  });

  it('gives "Summary" and "Title" the given title, matches a field by its id, and keeps the default of a dropdown without a matching option', () => {
    const template = form(`  - type: input
    attributes: { label: Summary }
  - type: input
    id: title
    attributes: { label: Short name }
  - type: input
    id: incident-record
    attributes: { label: Where is it written down? }
  - type: dropdown
    attributes:
      label: Severity
      options: [Low, High]
      default: 1
  - type: dropdown
    attributes:
      label: Status
      options: [Investigating, Resolved]
`);
    const result = fillIssueTemplate(template, FIELDS, { title: 'Add an alert' });
    assert.equal(result.body, '### Summary\n\nAdd an alert\n\n### Short name\n\nAdd an alert\n\n### Where is it written down?\n\n2026-03-01-1305-tracking-500s\n\n### Severity\n\nHigh\n\n### Status\n\nResolved\n\n');
    assert.deepEqual([result.filled, result.unfilled], [['Summary', 'Short name', 'Where is it written down?', 'Status'], ['Severity']]);
    assert.equal(fillIssueTemplate(template, FIELDS, {}).body.split('\n')[2], 'Tracking 500s');
  });
});

describe('fillIssueTemplate: the title', () => {
  const titled = (title: string) => ({ ...parsed('---\nname: T\n---\n', 't.md'), title });
  const cases: [string, string, string | undefined, string][] = [
    ['the given title after the prefix', '[Follow-up] ', 'Add an alert', '[Follow-up] Add an alert'],
    ['a prefix without a trailing space', '[Follow-up]', 'Add an alert', '[Follow-up] Add an alert'],
    ['no double space', '[Bug]:  ', '  Add an alert ', '[Bug]: Add an alert'],
    ['a title that already holds the given title', '[Follow-up] Add an alert', 'add an alert', '[Follow-up] Add an alert'],
    ['no template title', '', 'Add an alert', 'Add an alert'],
    ['no given title: the incident\'s', '[Follow-up] ', '', '[Follow-up] Tracking 500s'],
    ['no given title and none in the template', '', undefined, 'Tracking 500s'],
  ];
  for (const [what, title, given, want] of cases) {
    it(what, () => assert.equal(fillIssueTemplate(titled(title), FIELDS, given === undefined ? {} : { title: given }).title, want));
  }

  it('no title at all: the template\'s, trimmed', () => {
    assert.equal(fillIssueTemplate(titled('[Follow-up] '), {}, {}).title, '[Follow-up]');
  });
});

describe('fillIssueTemplate: where the given body goes', () => {
  const markdown = (body: string) => parsed(`---\nname: T\n---\n${body}`, 't.md');

  it('under the first empty "What needs to be done" / "Description" / "Details" / "Summary" section, after its instructions', () => {
    const result = fillIssueTemplate(markdown('## Summary\nAlready written.\n\n## Description\n<!-- what and why -->\n\n## Details\n\n## Notes\n'), {}, { body: 'Alert on 5xx.' });
    assert.equal(result.body, '## Summary\nAlready written.\n\n## Description\n<!-- what and why -->\n\nAlert on 5xx.\n\n## Details\n\n## Notes\n');
    assert.deepEqual(result.filled, ['Description']);
  });

  it('at the top of the body when no such section is empty', () => {
    assert.equal(fillIssueTemplate(parsed(TICKET, 'ticket.md'), {}, { body: 'Alert on 5xx.\n' }).body, `Alert on 5xx.\n${parsed(TICKET, 'ticket.md').body}`);
    assert.equal(fillIssueTemplate(markdown('## Details\nKnown.\n'), {}, { body: 'Alert on 5xx.' }).body, 'Alert on 5xx.\n\n## Details\nKnown.\n');
    assert.equal(fillIssueTemplate(markdown(''), {}, { body: 'Alert on 5xx.' }).body, 'Alert on 5xx.\n');
  });

  it('in a form: the first required input or textarea still empty', () => {
    const result = fillIssueTemplate(parsed(FORM, 'follow-up.yml'), FIELDS, { body: 'Alert when 5xx pass 1%.' });
    assert.ok(result.body.includes('### What needs to be done?\n\nAlert when 5xx pass 1%.\n\n### Relevant log output'), result.body);
    assert.ok(result.filled.includes('What needs to be done?'));
  });

  it('in a form without an empty required field: the first textarea, after its value; without a textarea: at the top', () => {
    const withValue = form('  - type: input\n    attributes: { label: Ticket }\n  - type: textarea\n    attributes:\n      label: Notes\n      value: Written by the template.\n');
    assert.equal(fillIssueTemplate(withValue, {}, { body: 'Alert on 5xx.' }).body, '### Ticket\n\n\n\n### Notes\n\nWritten by the template.\n\nAlert on 5xx.\n\n');
    const inputs = form('  - type: input\n    attributes: { label: Ticket }\n');
    assert.equal(fillIssueTemplate(inputs, {}, { body: 'Alert on 5xx.' }).body, 'Alert on 5xx.\n\n### Ticket\n\n\n\n');
  });
});

describe('missingRequiredFields', () => {
  const template = parsed(FORM, 'follow-up.yml');

  it('names every required field of the untouched form, and none once they are answered', () => {
    assert.deepEqual(missingRequiredFields(template, template.body), ['Incident', 'What needs to be done?', 'Checklist']);
    const answered = fillIssueTemplate(template, FIELDS, { body: 'Alert on 5xx.' }).body.replace('- [ ] I linked', '- [x] I linked');
    assert.deepEqual(missingRequiredFields(template, answered), []);
  });

  it('counts "_No response_", an answer edited away and a removed heading as missing', () => {
    const answered = fillIssueTemplate(template, FIELDS, { body: 'Alert on 5xx.' }).body.replace('- [ ] I linked', '- [X] I linked');
    assert.deepEqual(missingRequiredFields(template, answered.replace('Tracking 500s', '_No response_')), ['Incident']);
    assert.deepEqual(missingRequiredFields(template, answered.replace('Alert on 5xx.', '  ')), ['What needs to be done?']);
    assert.deepEqual(missingRequiredFields(template, answered.replace('### Severity\n\nSev 2\n\n', '')), ['Severity']);
    assert.deepEqual(missingRequiredFields(template, answered.replace('### Severity\n', '')), ['Severity']);
  });

  it('reads a fenced answer holding "### " lines as an answer, and is [] for a Markdown template', () => {
    const logs = form('  - type: textarea\n    attributes: { label: Logs }\n    validations: { required: true }\n  - type: input\n    attributes: { label: After }\n    validations: { required: true }\n');
    assert.deepEqual(missingRequiredFields(logs, '### Logs\n\n```\n### After\n```\n\n### After\n\n'), ['After']);
    assert.deepEqual(missingRequiredFields(parsed(FOLLOW_UP, 'follow-up.md'), ''), []);
  });
});

describe('issue templates: hostile input', () => {
  it('reads a 1 MB Markdown template and fills it', () => {
    const line = '- [ ] Check the dashboards for anomalies in stats or error traces\n';
    const text = `---\nname: Big\ntitle: Big\n---\n${line.repeat(Math.floor((1024 * 1024 - 40) / line.length))}`;
    assert.ok(text.length > 1_000_000 && text.length <= 1024 * 1024);
    const template = parsed(text, 'big.md');
    assert.equal(template.body.length, text.length - '---\nname: Big\ntitle: Big\n---\n'.length);
    const result = fillIssueTemplate(template, FIELDS, { body: 'Alert on 5xx.' });
    assert.equal(result.body, `Alert on 5xx.\n\n${template.body}`);
  });

  it('refuses a template over 1 MB, a 1 MB issue form and an unclosed 1 MB front matter with a message', () => {
    assert.match(message(`x${'y'.repeat(1024 * 1024)}`, 'big.md'), /^Issue template big\.md: it is larger than 1 MB/);
    const field = '  - type: input\n    attributes:\n      label: Field\n';
    assert.match(message(`name: Big\nbody:\n${field.repeat(Math.floor((1024 * 1024) / field.length))}`, 'big.yml'), /^Issue template big\.yml: it is 1024 KB; an issue form is read up to 64 KB$/);
    assert.match(message(`---\n${'name: x\n'.repeat(130_000)}`, 'big.md'), /never closed/);
    assert.match(message(`---\n${'name: x\n'.repeat(100_000)}---\n`, 'big.md'), /^Issue template big\.md: its front matter is 782 KB; it is read up to 64 KB$/);
  });

  it('places a body after 80,000 "### " sections already written (the most 1 MB holds)', () => {
    const text = `${'### To do\nx\n'.repeat(80_000)}### Details\n`;
    assert.ok(text.length <= 1024 * 1024);
    const result = fillIssueTemplate(parsed(text, 'many.md'), {}, { body: 'Alert on 5xx.' });
    assert.equal(result.body, `${'### To do\nx\n'.repeat(80_000)}### Details\nAlert on 5xx.\n`);
    assert.deepEqual(result.filled, ['Details']);
  });

  it('reads a body of 100,000 "### " sections', () => {
    const headings = Array.from({ length: 100_000 }, (_, i) => `### Details ${i}\nKnown.\n`).join('');
    const required = form('  - type: input\n    attributes: { label: Details 5 }\n    validations: { required: true }\n  - type: input\n    attributes: { label: Other }\n    validations: { required: true }\n');
    assert.deepEqual(missingRequiredFields(required, headings), ['Other']);
    assert.deepEqual(missingRequiredFields(required, '### \n'.repeat(100_000)), ['Details 5', 'Other']);
  });
});
