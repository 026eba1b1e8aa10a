// The notification preview. Runs in the webview; talks to the extension only through messages.ts.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import { type FromWebview, type NotificationView, type SlackView, type ToWebview, UNFILLED_MARK, type Variant } from './messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const textarea = element<HTMLTextAreaElement>('message');
const highlights = element('highlights');

let view: NotificationView | undefined;
/** The person typed since the text was last put in the textarea: a background refresh keeps what they typed. */
let typed = false;

function setText(id: string, text: string): void {
  element(id).textContent = text;
}

/** The label a mark is listed under: its field's name, else the words inside it. */
function labelOf(mark: string): string {
  return view?.marks.find((m) => m.mark === mark)?.label ?? mark.slice(1, -1).replace(/\?$/, '');
}

/** The text again behind the textarea, each mark wrapped in <mark>: the same wrapping, so the highlights sit under the marks. */
function renderHighlights(): void {
  const text = textarea.value;
  const nodes: Node[] = [];
  const found: { mark: string; index: number }[] = [];
  let last = 0;
  for (const match of text.matchAll(UNFILLED_MARK)) {
    nodes.push(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement('mark');
    mark.textContent = match[0];
    nodes.push(mark);
    found.push({ mark: match[0], index: match.index });
    last = match.index + match[0].length;
  }
  // A trailing line break needs a character after it to take its height.
  nodes.push(document.createTextNode(`${text.slice(last)}\n `));
  highlights.replaceChildren(...nodes);
  renderUnfilled(found);
}

/** "Still to fill in: Impact, Systems": one button per mark left, selecting it in the text. */
function renderUnfilled(found: readonly { mark: string; index: number }[]): void {
  element('unfilled').hidden = found.length === 0;
  element('unfilled-list').replaceChildren(
    ...found.map(({ mark, index }) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = labelOf(mark);
      chip.title = `Select ${mark} in the message`;
      chip.addEventListener('click', () => {
        textarea.focus();
        textarea.setSelectionRange(index, index + mark.length);
      });
      return chip;
    }),
  );
}

/** The textarea grows with its text, so it never scrolls away from its highlights. */
function fitHeight(): void {
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight}px`;
}

function show(next: NotificationView, replace: boolean): void {
  const keepText = view?.variant === next.variant && (textarea.value === next.text || (typed && !replace));
  view = next;
  setText('title', next.title);
  setText('severity', next.severity);
  setText('status', next.status);
  setText('started', next.started);
  setText('record', next.record);
  element('channel-line').hidden = !next.channel;
  setText('channel', next.channel ?? '');
  const copyOpen = element('copy-open');
  copyOpen.hidden = !next.channel;
  copyOpen.textContent = next.channel ? `Copy and Open ${next.channel}` : '';
  for (const radio of document.querySelectorAll<HTMLElement & { value: string; checked: boolean; disabled: boolean }>('#variant vscode-radio')) {
    radio.checked = radio.value === next.variant;
    radio.disabled = radio.value === 'first' && !next.firstAvailable;
  }
  element('refill').hidden = !next.edited && !(keepText && typed);
  if (!keepText) {
    textarea.value = next.text;
    typed = false;
  }
  renderHighlights();
  fitHeight();
  renderSlack(next.slack);
}

const NOT_CONNECTED = 'Copy, then paste it in the channel. Connecting Slack ("Runbook: Connect Slack…") posts it from here, mentions notify, and the record keeps the link to the post.';

/** The Post button, who the mentions notify, and the thread once posted; without Slack, what connecting adds. */
function renderSlack(slack: SlackView | undefined): void {
  const post = element('post');
  post.hidden = !slack?.action;
  post.textContent = slack?.action ?? '';
  // One primary action: Post when it is there, else Copy.
  element('copy').toggleAttribute('secondary', !post.hidden);
  const mentions = element('mentions');
  const parts = slack?.action ? [slack.notifies.length ? `Notifies ${slack.notifies.join(', ')}` : '', slack.unresolved.length ? `Not found in Slack, posted as text: ${slack.unresolved.join(', ')}` : ''].filter(Boolean) : [];
  mentions.hidden = parts.length === 0;
  mentions.textContent = parts.join(' · ');
  const line = element('slack-line');
  line.hidden = false;
  if (!slack) {
    line.textContent = NOT_CONNECTED;
    return;
  }
  line.replaceChildren();
  if (slack.problem) line.append(document.createTextNode(slack.problem));
  if (slack.thread) {
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = 'Open the Slack thread';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      vscode.postMessage({ type: 'openThread' });
    });
    line.append(...(slack.problem ? [document.createTextNode(' ')] : []), link);
  }
  line.hidden = !slack.problem && !slack.thread;
}

function current(): Variant {
  return view?.variant ?? 'first';
}

textarea.addEventListener('input', () => {
  typed = true;
  renderHighlights();
  fitHeight();
  element('refill').hidden = false;
  vscode.postMessage({ type: 'edit', variant: current(), text: textarea.value });
});
window.addEventListener('resize', fitHeight);
element('variant').addEventListener('change', (event) => {
  const value = (event.target as { value?: unknown } | null)?.value;
  if ((value === 'first' || value === 'update') && value !== current()) {
    setText('confirmation', '');
    vscode.postMessage({ type: 'variant', variant: value });
  }
});
element('post').addEventListener('click', () => {
  setText('confirmation', '');
  vscode.postMessage({ type: 'post', variant: current(), text: textarea.value });
});
element('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy', variant: current(), text: textarea.value, openChannel: false }));
element('copy-open').addEventListener('click', () => vscode.postMessage({ type: 'copy', variant: current(), text: textarea.value, openChannel: true }));
element('refill').addEventListener('click', () => vscode.postMessage({ type: 'refill', variant: current() }));
element('record').addEventListener('click', (event) => {
  event.preventDefault();
  vscode.postMessage({ type: 'openRecord' });
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      show(message.view, message.replace);
      break;
    case 'copied':
      setText('confirmation', message.message);
      element('confirmation').classList.toggle('error', message.error === true);
      break;
    case 'slack':
      renderSlack(message.slack);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
