// Loaded on first use (scripts/build.mjs bundles it as dist/vendor/slackModule.js): posting to Slack costs
// activation nothing. What it shares with the main bundle is handed in, never imported as state.
import { Disposable } from '../../core/lifecycle';
import type * as IncidentNotification from '../incident/incidentNotification';
import type { NotificationPanel } from '../incident/notificationPanel';
import type { Log } from '../log';
import { SlackClient } from './slackClient';
import { slackCommands, type SlackCommandHandlers } from './slackCommands';
import { SlackPosting } from './slackPosting';
import type * as vscode from 'vscode';

export interface SlackDeps {
  readonly secrets: vscode.SecretStorage;
  readonly log: Log;
  readonly sources: IncidentNotification.NotificationSources;
  readonly notifications: Pick<typeof IncidentNotification, 'composeFor' | 'copyMessage' | 'notificationIncident'>;
  readonly panel: Pick<NotificationPanel, 'editedText'>;
  readonly openLink: (url: string) => Promise<boolean>;
}

/** Slack, once loaded: the client, posting, and the commands' handlers. */
export class LoadedSlack extends Disposable {
  readonly client: SlackClient;
  readonly posting: SlackPosting;
  readonly commands: SlackCommandHandlers;

  constructor(deps: SlackDeps) {
    super();
    this.client = this._register(new SlackClient(deps.secrets, deps.log));
    this.posting = new SlackPosting(deps.sources, deps.notifications, this.client);
    this.commands = slackCommands({ ...deps, slack: this.client, posting: this.posting });
  }
}

export function loadSlack(deps: SlackDeps): LoadedSlack {
  return new LoadedSlack(deps);
}
