// The notification preview's page, rendered by the extension. Every value is escaped by `html`; the incident's
// facts and the message arrive later through messages.ts and are set as text.
import { html } from '../../src/core/htmlTemplate';
import { pageHead, type PageResources } from '../pageHead';

export interface NotificationPageResources extends PageResources {
  /** What the footer says copying does to the record. */
  readonly footer: string;
}

export function notificationPage(resources: NotificationPageResources): string {
  return html`<!DOCTYPE html>
<html lang="en">
${pageHead(resources, 'Notification')}
<body>
  <header>
    <h1 id="title"></h1>
    <div class="facts">
      <vscode-badge id="severity"></vscode-badge>
      <span id="status" class="stage"></span>
      <span id="started" class="muted"></span>
    </div>
    <div class="facts"><span class="muted">Record</span> <a href="#" id="record"></a></div>
  </header>
  <div class="row">
    <vscode-radio-group id="variant">
      <vscode-radio name="variant" value="first" label="First message"></vscode-radio>
      <vscode-radio name="variant" value="update" label="Update"></vscode-radio>
    </vscode-radio-group>
    <span id="channel-line" class="muted" hidden>Post in <strong id="channel"></strong></span>
  </div>
  <div class="editor">
    <div class="backdrop" id="highlights" aria-hidden="true"></div>
    <textarea id="message" spellcheck="false" aria-label="Message to post"></textarea>
  </div>
  <div id="unfilled" class="unfilled" hidden><span class="warning">Still to fill in:</span> <span id="unfilled-list"></span></div>
  <div id="mentions" class="muted" hidden></div>
  <div class="actions">
    <vscode-button id="post" icon="comment-discussion" hidden></vscode-button>
    <vscode-button id="copy" icon="copy">Copy</vscode-button>
    <vscode-button id="copy-open" secondary hidden></vscode-button>
    <vscode-button id="refill" secondary hidden title="Drop your edits and fill the message from the incident again">Refill</vscode-button>
  </div>
  <div id="confirmation" role="status"></div>
  <div id="slack-line" class="muted" hidden></div>
  <footer class="muted">${resources.footer}</footer>
  <script nonce="${resources.nonce}" src="${resources.scriptUri}"></script>
</body>
</html>`.text;
}
