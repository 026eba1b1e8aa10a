import * as assert from 'node:assert/strict';
import { validateIncidentInput } from '../../src/core/incident/incident';
import { incidentFormPage } from '../../webview/incidentForm/page';
import { previewLine } from '../../webview/incidentForm/previewLine';

const NOW = new Date('2026-03-01T14:05:00Z');
const PREVIEW = { source: 'https://github.com/acme/handbook/blob/main/templates/record.md', text: '# Record', notes: [] };

describe('the Start Incident form: the traceability template', () => {
  it('says what the template fills and what it leaves, the first few names then an ellipsis', () => {
    const line = previewLine({ ...PREVIEW, filled: ['Date', 'Start time', 'Impact', 'Severity', 'Systems involved'], unfilled: ['Root cause', 'Customer ticket'] });
    assert.equal(line.summary, 'Fills: Date, Start time, Impact, Severity… · Left for you: Root cause, Customer ticket');
    assert.equal(line.full, 'Fills: Date, Start time, Impact, Severity, Systems involved\nLeft for you: Root cause, Customer ticket');
    assert.equal(previewLine({ ...PREVIEW, filled: ['Date'], unfilled: [] }).summary, 'Fills: Date');
  });

  it('keeps the notes (an offline copy, a problem) apart from the summary, and says when nothing is filled', () => {
    const line = previewLine({ ...PREVIEW, filled: [], unfilled: ['Root cause'], notes: ['offline: the copy fetched 2 days ago'] });
    assert.equal(line.summary, 'Fills no field · Left for you: Root cause');
    assert.deepEqual(line.notes, ['offline: the copy fetched 2 days ago']);
  });

  it('passes a template given at start through, checked like a template link', () => {
    const given = validateIncidentInput({ title: 'Checkout 500s', template: ' templates/record.md ' }, NOW);
    assert.ok(given.ok);
    assert.equal(given.value.template, 'templates/record.md');
    const none = validateIncidentInput({ title: 'Checkout 500s', template: '' }, NOW);
    assert.ok(none.ok);
    assert.equal('template' in none.value, false, 'an empty template leaves the precedence to decide');
    const scheme = validateIncidentInput({ title: 'Checkout 500s', template: 'javascript:alert(1)' }, NOW);
    assert.deepEqual(scheme.ok ? [] : scheme.errors, [{ field: 'template', message: '"javascript:alert(1)" is not a template: give an http(s) URL or a workspace path.' }]);
    const number = validateIncidentInput({ title: 'Checkout 500s', template: 42 }, NOW);
    assert.deepEqual(number.ok ? [] : number.errors.map((e) => e.field), ['template']);
  });

  it('has the template field with its Reset, its helpers and the preview line on the page', () => {
    const page = incidentFormPage({ nonce: 'n', cspSource: 'https://webview.example', scriptUri: 'https://webview.example/form.js', styleUri: 'https://webview.example/form.css' });
    for (const id of ['template', 'template-reset', 'template-hint', 'template-error', 'template-preview', 'template-notes']) assert.match(page, new RegExp(`id="${id}"`), id);
    assert.match(page, /<vscode-label for="template">Traceability template<\/vscode-label>/);
  });
});
