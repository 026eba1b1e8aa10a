import * as assert from 'node:assert/strict';
import { escapeHtml, html } from '../../src/core/htmlTemplate';

const HOSTILE = `Billing "v2" <img src=x onerror=alert(1)> & 'Co'`;

describe('html: markup whose values stay text', () => {
  it('escapes &, <, >, " and \' so a value cannot open a tag or end an attribute', () => {
    assert.equal(escapeHtml(HOSTILE), 'Billing &quot;v2&quot; &lt;img src=x onerror=alert(1)&gt; &amp; &#39;Co&#39;');
  });

  it('escapes every interpolated value, in attributes and in text', () => {
    const markup = html`<input placeholder="${HOSTILE}"><span title='${HOSTILE}'>${HOSTILE}</span>`.text;
    assert.equal(markup.split('<').length - 1, 3, 'only the template\'s own tags');
    assert.equal((markup.match(/"/g) ?? []).length, 2, 'only the template\'s own double quotes');
    assert.equal((markup.match(/'/g) ?? []).length, 2, 'only the template\'s own single quotes');
  });

  it('inserts nested html as markup, arrays item by item, and nothing for undefined', () => {
    const items = ['<a>', 'b & c'].map((x) => html`<li>${x}</li>`);
    assert.equal(html`<ul>${items}</ul>${undefined}`.text, '<ul><li>&lt;a&gt;</li><li>b &amp; c</li></ul>');
  });
});
