import * as vscode from 'vscode';
import { inlineLinksAsText } from '../../core/markdownLinks';
import { argumentObject, incidentFromArgument } from '../incident/incidentArgument';
import type { SlackClient } from './slackClient';
import type { SlackDeps } from './slackModule';
import { type PostKind, PostRefused, type PostResult, type SlackPosting } from './slackPosting';

export type SlackCommandHandlers = Readonly<Record<(typeof SLACK_COMMANDS)[number], (input?: unknown) => Promise<unknown>>>;

/** The Slack commands, registered at activation; their handlers load with the rest of Slack, on first use. */
export const SLACK_COMMANDS = ['runbook.connectSlack', 'runbook.disconnectSlack', 'runbook.postNotification', 'runbook.postUpdate', 'runbook.postEntryToThread'] as const;

const CONNECT_ADDS = 'Connect Slack ("Runbook: Connect Slack…") to post it to the channel from here, with mentions that notify and the permalink in the record.';

/**
 * Connect Slack…, Disconnect Slack, Post Notification to Slack…, Post Update… and Post to Thread (a timeline
 * entry's row). Without a token, posting copies the text and says what connecting adds.
 */
export function slackCommands(deps: SlackDeps & { readonly slack: SlackClient; readonly posting: SlackPosting }): SlackCommandHandlers {
  const { slack, posting, openLink } = deps;
  const { composeFor, copyMessage, notificationIncident } = deps.notifications;

  async function post(kind: PostKind, input: unknown, fields: readonly string[]): Promise<PostResult | undefined> {
    const arg = argumentObject(input, fields);
    if (arg?.text !== undefined && typeof arg.text !== 'string') throw new Error('text: must be the message to post, as text');
    const uri = incidentFromArgument(arg ?? input) ?? timelineRowUri(input) ?? (await deps.sources.store.current())?.uri;
    // A timeline row posts its entry; the palette posts what the notification preview holds, edits and all.
    const text = typeof arg?.text === 'string' ? arg.text : (timelineRowText(input) ?? (arg === undefined && uri ? deps.panel.editedText(uri, kind === 'notification' ? 'first' : 'update') : undefined));
    const request = { kind, interactive: arg === undefined, ...(uri ? { uri } : {}), ...(text !== undefined ? { text } : {}) };
    try {
      const posted = await posting.post(request);
      if (posted) {
        // Not awaited: the post is done and recorded; the offer to open it stays in the notification centre.
        void vscode.window.showInformationMessage(`Posted to Slack: ${posted.permalink}`, 'Open in Slack').then((choice) => choice && openLink(posted.permalink));
        return posted;
      }
      if (!(await slack.isConnected())) await copyInstead(kind, request.uri, request.text);
      return undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (arg) throw error instanceof PostRefused ? error : new Error(message);
      // The person keeps the text: it is copied, and the message says so.
      const kept = await keepText(kind, request.uri, request.text);
      void vscode.window.showErrorMessage(kept ? `${message} The message is in the clipboard.` : message);
      return undefined;
    }
  }

  async function keepText(kind: PostKind, uri: vscode.Uri | undefined, text: string | undefined): Promise<boolean> {
    const value = text ?? (await filled(kind, uri));
    if (!value) return false;
    await vscode.env.clipboard.writeText(value);
    return true;
  }

  async function filled(kind: PostKind, uri: vscode.Uri | undefined): Promise<string | undefined> {
    const incident = await notificationIncident(deps.sources.store, uri);
    return incident && (await composeFor(deps.sources, incident.uri, kind === 'notification' ? 'first' : 'update'))?.filled.text;
  }

  async function copyInstead(kind: PostKind, uri: vscode.Uri | undefined, text: string | undefined): Promise<void> {
    const incident = await notificationIncident(deps.sources.store, uri);
    if (!incident) {
      void vscode.window.showInformationMessage('No active incident. Start one with "Runbook: Start Incident…".');
      return;
    }
    const variant = kind === 'notification' ? 'first' : 'update';
    const composed = await composeFor(deps.sources, incident.uri, variant);
    const value = text ?? composed?.filled.text;
    if (value === undefined) return;
    const said = await copyMessage(deps.sources.store, incident.uri, variant, value, composed?.channel);
    const connect = 'Connect Slack…';
    void vscode.window.showInformationMessage(`${said} ${CONNECT_ADDS}`, connect).then((choice) => choice && vscode.commands.executeCommand('runbook.connectSlack'));
  }

  return {
    'runbook.connectSlack': async (input?: unknown) => {
      const arg = argumentObject(input, ['token']);
      if (arg) {
        if (typeof arg.token !== 'string' || !arg.token.trim()) throw new Error('token: give a Slack token (xoxb-… or xoxp-…)');
        return slack.connect(arg.token.trim());
      }
      const token = await vscode.window.showInputBox({
        title: 'Connect Slack',
        prompt: 'A Slack bot token (xoxb-…, scopes chat:write, users:read, usergroups:read) or a user token (xoxp-…). Kept in VS Code\'s secret storage; sent only to the Slack API (runbook.slack.apiUrl in your user settings).',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() && !/^xox[a-z]-/.test(value.trim()) ? 'A Slack token starts with xoxb-, xoxp- or another xox?- prefix.' : undefined),
      });
      if (!token?.trim()) return undefined;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking the Slack token…' }, () => slack.connect(token.trim()));
      if (result.ok) void vscode.window.showInformationMessage(`Connected to the ${result.team} Slack workspace: notifications and updates can be posted from here.`);
      else void vscode.window.showErrorMessage(`${result.error} The token was not kept.`);
      return result;
    },
    'runbook.disconnectSlack': async () => {
      await slack.disconnect();
      void vscode.window.showInformationMessage('Slack disconnected: the token is removed. Posting copies the message instead.');
    },
    'runbook.postNotification': (input?: unknown) => post('notification', input, ['text', 'uri']),
    'runbook.postUpdate': (input?: unknown) => post('update', input, ['text', 'uri']),
    'runbook.postEntryToThread': (input?: unknown) => post('update', input, []),
  };
}

/** A timeline entry's row in the Incident view: its record and its text. */
function timelineRowUri(input: unknown): vscode.Uri | undefined {
  const row = input as { type?: unknown; uri?: unknown } | undefined;
  return row?.type === 'detail' && row.uri instanceof vscode.Uri ? row.uri : undefined;
}

/** The entry as Slack shows it: a Markdown link's label with its address after it, which Slack links by itself. */
function timelineRowText(input: unknown): string | undefined {
  const row = input as { type?: unknown; entry?: unknown; contextValue?: unknown } | undefined;
  return row?.type === 'detail' && row.contextValue === 'timelineEntry' && typeof row.entry === 'string' ? inlineLinksAsText(row.entry, true) : undefined;
}
