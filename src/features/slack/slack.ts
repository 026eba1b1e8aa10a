import * as vscode from 'vscode';
import { Disposable, type IDisposable } from '../../core/lifecycle';
import type { SlackStatus } from './slackPosting';
import type { PostRequest, PostResult } from './slackPosting';
import { SLACK_COMMANDS } from './slackCommands';
import type * as SlackModule from './slackModule';
import { SLACK_TOKEN_KEY } from './slackSecret';

/**
 * Slack as activation sees it: its commands and the `runbook.slackConnected` context are registered here,
 * and its code (the client, Slack's own WebClient, mentions, posting) is required the first time it is used.
 */
export class Slack extends Disposable {
  private loaded: SlackModule.LoadedSlack | undefined;

  constructor(private readonly deps: Omit<SlackModule.SlackDeps, 'panel'> & { panel?: SlackModule.SlackDeps['panel'] }) {
    super();
    // The Incident view offers Post to Thread and Post Update only while a token is kept.
    void this.showConnected();
    this._register(deps.secrets.onDidChange((e) => e.key === SLACK_TOKEN_KEY && void this.showConnected()));
  }

  /** The notification preview is created after Slack; it is handed in once it exists. */
  set panel(panel: SlackModule.SlackDeps['panel']) {
    this.deps.panel = panel;
  }

  isConnected(): Thenable<boolean> {
    return this.deps.secrets.get(SLACK_TOKEN_KEY).then((token) => token !== undefined);
  }

  /** What posting would do, for the preview; without a token Slack is not even loaded. */
  async status(uri: vscode.Uri, text: string): Promise<SlackStatus> {
    return (await this.isConnected()) ? this.load().posting.status(uri, text) : { connected: false };
  }

  post(request: PostRequest): Promise<PostResult | undefined> {
    return this.load().posting.post(request);
  }

  /** A message of no incident (a shift's hand-off) to a channel link; undefined when not connected or declined. */
  postToChannel(url: string, label: string, text: string, interactive: boolean): Promise<PostResult | undefined> {
    return this.load().posting.postToChannel(url, label, text, interactive);
  }

  register(): IDisposable[] {
    return SLACK_COMMANDS.map((id) => vscode.commands.registerCommand(id, (input?: unknown) => this.load().commands[id](input)));
  }

  private async showConnected(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'runbook.slackConnected', await this.isConnected());
  }

  private load(): SlackModule.LoadedSlack {
    if (!this.loaded) {
      const { panel } = this.deps;
      if (!panel) throw new Error('Slack was used before the notification preview existed.');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: Slack loads on first use
      const { loadSlack } = require('./slackModule') as typeof SlackModule;
      this.loaded = this._register(loadSlack({ ...this.deps, panel }));
    }
    return this.loaded;
  }
}
