import * as assert from 'node:assert/strict';
import { HINTS, incidentFormPage } from '../../webview/incidentForm/page';

const PAGE = incidentFormPage({ nonce: 'n0nce+/=', cspSource: 'https://webview.example', scriptUri: 'https://webview.example/form.js?a=1&b=2', styleUri: 'https://webview.example/form.css' });
const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attributes = (name: string) => [...PAGE.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => decode(m[1] ?? ''));

describe('the Start Incident page', () => {
  it('carries every hint whole, quotes included', () => {
    assert.ok(attributes('placeholder').includes(HINTS.startedAt), attributes('placeholder').join('\n'));
    assert.equal(HINTS.startedAt, 'Empty for now, "25 minutes ago", or 2026-03-01 14:05');
    for (const hint of Object.values(HINTS)) assert.ok(attributes('placeholder').includes(hint), hint);
  });

  it('keeps a strict policy: nothing by default, scripts and styles only with the nonce', () => {
    const [csp] = attributes('content').filter((c) => c.startsWith('default-src'));
    assert.equal(csp, "default-src 'none'; img-src https://webview.example; font-src https://webview.example; style-src https://webview.example 'nonce-n0nce+/='; script-src 'nonce-n0nce+/=';");
    assert.doesNotMatch(PAGE, /unsafe-inline|unsafe-eval/);
    assert.match(PAGE, /<script nonce="n0nce\+\/=" src="https:\/\/webview\.example\/form\.js\?a=1&amp;b=2"><\/script>/);
    assert.equal(PAGE.match(/<script/g)?.length, 1, 'one script, the nonced one');
  });

  it('marks no field required or invalid up front: errors appear only once a field is edited', () => {
    assert.doesNotMatch(PAGE, /\srequired[\s>=]|\sinvalid[\s>=]/);
  });
});
