import * as vscode from 'vscode';
import { isNotificationVariant, NOTIFICATION_VARIANTS, type NotificationVariant } from '../../core/incident/notificationVariant';
import type { IDisposable } from '../../core/lifecycle';
import { incidentFromArgument } from './incidentArgument';
import { composeFor, copyMessage, NO_TEMPLATE, notificationIncident, type NotificationSources } from './incidentNotification';
import type { NotificationPanel } from './notificationPanel';

interface CopyArgument {
  readonly preview: boolean;
  readonly variant: NotificationVariant;
  /** The incident of the Incident view's row the command was run from. */
  readonly uri?: vscode.Uri;
}

/**
 * `runbook.copyNotification { preview?, variant? }`: the incident's message ("first", from the runbook's
 * template, or an "update" carrying the status). With preview (the default) it opens the panel and
 * returns the text shown; `preview: false` copies it at once, notes it in the timeline and returns it.
 */
export function registerNotificationCommands(deps: NotificationSources & { readonly panel: NotificationPanel }): IDisposable[] {
  const { store, panel } = deps;
  return [
    vscode.commands.registerCommand('runbook.copyNotification', async (input?: unknown) => {
      const arg = copyArgument(input);
      const incident = await notificationIncident(store, arg.uri);
      if (!incident) {
        void vscode.window.showInformationMessage('No active incident. Start one with "Runbook: Start Incident…".');
        return undefined;
      }
      if (arg.preview) {
        const shown = await panel.show(incident.uri, arg.variant);
        if (shown === undefined) void vscode.window.showWarningMessage(NO_TEMPLATE);
        return shown;
      }
      const composed = await composeFor(deps, incident.uri, arg.variant);
      if (!composed) {
        void vscode.window.showWarningMessage(NO_TEMPLATE);
        return undefined;
      }
      await copyMessage(store, incident.uri, arg.variant, composed.filled.text, composed.channel);
      return composed.filled.text;
    }),
  ];
}

/** A view's row or button passes its own argument; an object with these fields is automation, and a wrong value names its field. */
function copyArgument(input: unknown): CopyArgument {
  const defaults: CopyArgument = { preview: true, variant: 'first' };
  if (typeof input !== 'object' || input === null || input instanceof vscode.Uri) return defaults;
  if ('type' in input) {
    const uri = (input as { type: unknown }).type === 'incident' ? incidentFromArgument(input) : undefined;
    return uri ? { ...defaults, uri } : defaults;
  }
  const { preview, variant } = input as Record<string, unknown>;
  if (preview !== undefined && typeof preview !== 'boolean') throw new Error(`preview: ${JSON.stringify(preview)} is not true or false`);
  if (variant !== undefined && !isNotificationVariant(variant)) throw new Error(`variant: ${JSON.stringify(variant)} is not one of ${NOTIFICATION_VARIANTS.join(', ')}`);
  return { preview: preview ?? true, variant: variant ?? 'first' };
}
