import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { formatElapsed, minutesBetween, STATUS_LABELS } from '../../core/incident/incident';
import { fieldLabel } from '../../core/incident/notification';
import type { NotificationVariant } from '../../core/incident/notificationVariant';
import { Disposable } from '../../core/lifecycle';
import { clip } from '../../core/text';
import { formatClock, formatTime } from '../../core/time/formatTime';
import { type FromWebview, isFromWebview, type NotificationView, type SlackView, type ToWebview } from '../../../webview/notification/messages';
import { notificationPage } from '../../../webview/notification/page';
import { openExternalLink } from '../openExternalLink';
import { folderSettings } from '../settings';
import type { Slack } from '../slack/slack';
import { type ComposedNotification, composeFor, copyMessage, type NotificationSources } from './incidentNotification';

const VIEW_TYPE = 'runbook.notification';

/** What the panel shows, for test suites (the API's `testing` member). */
export interface NotificationPanelState {
  readonly visible: boolean;
  readonly view: NotificationView;
}

/** The person's text of a variant; once copied (`sent`), the next Copy Notification fills the message afresh. */
interface Edit {
  readonly text: string;
  readonly sent: boolean;
}

/**
 * The notification preview: the incident's facts and its message in an editable text, beside the
 * editor. One panel: running the command again shows the incident as it is now, keeping the
 * person's unsent edits (a Refill button drops them).
 */
export class NotificationPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: { uri: vscode.Uri; variant: NotificationVariant } | undefined;
  private readonly edits = new Map<NotificationVariant, Edit>();
  private composed: ComposedNotification | undefined;
  private view: NotificationView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sources: NotificationSources,
    private readonly posting: Pick<Slack, 'status' | 'post'>,
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
    // The status or severity changed elsewhere: the panel shows it (the person's text stays).
    this._register(sources.store.onDidChange(() => void (this.panel && this.refresh(false))));
  }

  /** Opens (or refreshes) the panel on the incident's message; returns the text it shows, undefined when there is none to show. */
  async show(uri: vscode.Uri, variant: NotificationVariant): Promise<string | undefined> {
    if (this.target?.uri.toString() !== uri.toString()) this.edits.clear();
    for (const [key, edit] of this.edits) if (edit.sent) this.edits.delete(key);
    this.target = { uri, variant };
    if (!(await this.refresh(true))) return undefined;
    if (this.panel) this.panel.reveal(undefined, false);
    else await this.open(uri);
    return this.view?.text;
  }

  /** For test suites. */
  get state(): NotificationPanelState | undefined {
    return this.panel && this.view ? { visible: this.panel.visible, view: this.view } : undefined;
  }

  /** Handles a message as if the webview had sent it; resolves once it is handled (for test suites, and the webview's own messages). */
  async receive(message: unknown): Promise<void> {
    if (!isFromWebview(message) || !this.target) return;
    await this.onMessage(message, this.target);
  }

  private async open(uri: vscode.Uri): Promise<void> {
    // With no editor open, the record comes first, so the panel sits beside it and copying shows its entry there.
    if (vscode.window.visibleTextEditors.length === 0) await vscode.window.showTextDocument(uri, { preserveFocus: true, preview: false });
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.tabTitle(), vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: roots });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'runbook.svg');
    panel.webview.html = this.html(panel.webview, uri);
    this.panel = panel;
    const listener = panel.webview.onDidReceiveMessage((message: unknown) => {
      this.receive(message).catch((error: unknown) => void vscode.window.showErrorMessage(`Notification: ${error instanceof Error ? error.message : String(error)}`));
    });
    panel.onDidDispose(() => {
      listener.dispose();
      this.panel = undefined;
      this.view = undefined;
    });
  }

  private async onMessage(message: FromWebview, target: { uri: vscode.Uri; variant: NotificationVariant }): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const view = this.view ?? (await this.refreshed());
        if (view) this.post({ type: 'show', view, replace: true });
        return;
      }
      case 'edit': {
        this.edits.set(message.variant, { text: message.text, sent: false });
        if (this.view?.variant !== message.variant) return;
        this.view = { ...this.view, text: message.text, edited: true };
        const slack = await this.slackView(target.uri, message.variant, message.text);
        // Only the answer for the latest text is shown: typing on may have overtaken this one.
        if (this.view?.text !== message.text) return;
        this.view = { ...this.view, slack };
        this.post({ type: 'slack', slack });
        return;
      }
      case 'post':
        await this.postToSlack(target.uri, message.variant, message.text);
        return;
      case 'openThread': {
        const thread = (await this.sources.store.all()).find((e) => e.uri.toString() === target.uri.toString());
        if (thread?.read.ok && thread.read.state.slack) await openExternalLink(thread.read.state.slack.permalink);
        return;
      }
      case 'refill':
        this.edits.delete(message.variant);
        await this.refresh(true);
        return;
      case 'variant':
        target.variant = message.variant;
        await this.refresh(true);
        return;
      case 'openRecord':
        await vscode.window.showTextDocument(target.uri, { viewColumn: this.besidePanel(target.uri), preview: false });
        return;
      case 'copy': {
        this.edits.set(message.variant, { text: message.text, sent: true });
        await this.showRecordBesidePanel(target.uri);
        this.post({ type: 'copied', message: await copyMessage(this.sources.store, target.uri, message.variant, message.text, this.composed?.channel, message.openChannel) });
        return;
      }
    }
  }

  /** Posts the text as edited; the panel says what was done, or why not, and keeps the text for copying when it fails. */
  private async postToSlack(uri: vscode.Uri, variant: NotificationVariant, text: string): Promise<void> {
    this.edits.set(variant, { text, sent: false });
    try {
      const posted = await this.posting.post({ uri, kind: variant === 'first' ? 'notification' : 'update', text, interactive: true });
      if (!posted) {
        this.post({ type: 'copied', message: 'Not posted.' });
        return;
      }
      this.edits.set(variant, { text, sent: true });
      this.post({ type: 'copied', message: `Posted at ${formatClock(new Date())} to Slack: ${posted.permalink}${folderSettings(uri).timelineAutomaticEntries ? ". Noted in the record's timeline." : ''}` });
    } catch (error) {
      this.post({ type: 'copied', message: `${error instanceof Error ? error.message : String(error)} The text stays here: Copy still works.`, error: true });
    }
    await this.refresh(false);
  }

  /** What posting would do, for the panel; undefined without a Slack token. */
  private async slackView(uri: vscode.Uri, variant: NotificationVariant, text: string): Promise<SlackView | undefined> {
    const status = await this.posting.status(uri, text);
    if (!status.connected) return undefined;
    const mentions = { notifies: status.mentions?.resolved ?? [], unresolved: status.mentions?.unresolved ?? [], ...(status.thread ? { thread: status.thread } : {}) };
    if (status.problem) return { ...mentions, problem: status.problem };
    if (variant === 'first' && status.thread) return { ...mentions, problem: 'The first message is posted; updates go into its thread.' };
    if (variant === 'update' && !status.thread) return { ...mentions, problem: 'Post the first message to start the thread; updates go into it.' };
    const channel = this.composed?.channel?.label;
    return { ...mentions, action: variant === 'first' ? `Post to ${channel ?? 'Slack'}` : 'Post to Thread' };
  }

  /** The person's unsent text of the incident's variant, when the panel holds one (the palette's Post uses it). */
  editedText(uri: vscode.Uri, variant: NotificationVariant): string | undefined {
    if (this.target?.uri.toString() !== uri.toString()) return undefined;
    const edit = this.edits.get(variant);
    return edit && !edit.sent ? edit.text : undefined;
  }

  /** Fills the message again and sends it; `replace` puts it in the textarea even over the person's typing (a command, Refill, a variant). */
  private async refresh(replace: boolean): Promise<boolean> {
    const view = await this.refreshed();
    if (!view) return false;
    if (this.panel) this.panel.title = this.tabTitle();
    this.post({ type: 'show', view, replace });
    return true;
  }

  private async refreshed(): Promise<NotificationView | undefined> {
    if (!this.target) return undefined;
    const composed = await composeFor(this.sources, this.target.uri, this.target.variant);
    if (!composed) return undefined;
    this.composed = composed;
    const { state, filled } = composed;
    const edit = this.edits.get(composed.variant);
    const now = new Date();
    const text = edit?.text ?? filled.text;
    const slack = await this.slackView(composed.uri, composed.variant, text);
    this.view = {
      variant: composed.variant,
      firstAvailable: composed.hasTemplate,
      title: state.title,
      severity: `Sev ${state.severity}`,
      status: STATUS_LABELS[state.status],
      started: `started ${formatTime(new Date(state.startedAt), { now })}, ${formatElapsed(minutesBetween(state.startedAt, now))} ago`,
      record: vscode.workspace.asRelativePath(composed.uri),
      ...(composed.channel ? { channel: composed.channel.label } : {}),
      text,
      edited: edit !== undefined,
      marks: filled.marks.map((m) => ({ mark: m.mark, label: fieldLabel(m.name) })),
      ...(slack ? { slack } : {}),
    };
    return this.view;
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private tabTitle(): string {
    return `Notify: ${clip(this.composed?.state.title ?? 'incident', 28)}`;
  }

  /** A column other than the panel's, so showing the record never hides the panel. */
  private besidePanel(uri: vscode.Uri): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString() && e.viewColumn !== this.panel?.viewColumn);
    if (visible?.viewColumn) return visible.viewColumn;
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  /** Copying notes the message in the record and shows the entry: in an editor beside the panel, not over it. */
  private async showRecordBesidePanel(uri: vscode.Uri): Promise<void> {
    if (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString())) return;
    await vscode.window.showTextDocument(uri, { viewColumn: this.besidePanel(uri), preserveFocus: true, preview: false });
  }

  private html(webview: vscode.Webview, uri: vscode.Uri): string {
    return notificationPage({
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'notification.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'notification.css')).toString(),
      footer: folderSettings(uri).timelineAutomaticEntries ? "Copying notes the message's first line in the record's timeline." : 'Copying leaves the record as it is (runbook.timeline.automaticEntries is off).',
    });
  }
}
