import * as assert from 'node:assert/strict';
import { isFromWebview } from '../../webview/notification/messages';
import { notificationPage } from '../../webview/notification/page';

const PAGE = notificationPage({ nonce: 'n0nce+/=', cspSource: 'https://webview.example', scriptUri: 'https://webview.example/n.js?a=1&b=2', styleUri: 'https://webview.example/n.css', footer: 'Copying notes <the> "first" line & more' });

describe('the notification preview page', () => {
  it('keeps a strict policy: nothing by default, scripts and styles only with the nonce', () => {
    assert.match(PAGE.replace(/&#39;/g, "'"), /content="default-src 'none'; img-src https:\/\/webview\.example; font-src https:\/\/webview\.example; style-src https:\/\/webview\.example 'nonce-n0nce\+\/='; script-src 'nonce-n0nce\+\/=';"/);
    assert.doesNotMatch(PAGE, /unsafe-inline|unsafe-eval/);
    assert.match(PAGE, /<script nonce="n0nce\+\/=" src="https:\/\/webview\.example\/n\.js\?a=1&amp;b=2"><\/script>/);
    assert.equal(PAGE.match(/<script/g)?.length, 1, 'one script, the nonced one');
  });

  it('has a Post button, the mentions line and the Slack line, hidden until the extension fills them', () => {
    assert.match(PAGE, /<vscode-button id="post" icon="comment-discussion" hidden><\/vscode-button>/);
    assert.match(PAGE, /<div id="mentions" class="muted" hidden><\/div>/);
    assert.match(PAGE, /<div id="slack-line" class="muted" hidden><\/div>/);
  });

  it('escapes the text it is given', () => {
    assert.match(PAGE, /Copying notes &lt;the&gt; &quot;first&quot; line &amp; more/);
  });

  it('accepts only the messages of its contract', () => {
    assert.ok(isFromWebview({ type: 'copy', variant: 'update', text: 'x', openChannel: true }));
    assert.ok(isFromWebview({ type: 'ready' }));
    assert.ok(isFromWebview({ type: 'post', variant: 'first', text: 'We are investigating.' }));
    assert.ok(isFromWebview({ type: 'openThread' }));
    for (const bad of [null, 'copy', {}, { type: 'copy', variant: 'update', text: 1, openChannel: false }, { type: 'copy', variant: 'thread', text: 'x', openChannel: false }, { type: 'edit', variant: 'first' }, { type: 'post' }, { type: 'post', variant: 'resolved', text: 'x' }, { type: 'post', variant: 'first', text: 3 }]) {
      assert.equal(isFromWebview(bad), false, JSON.stringify(bad));
    }
  });
});
