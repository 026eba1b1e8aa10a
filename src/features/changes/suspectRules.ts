import type * as vscode from 'vscode';
import type { SuspectRules } from '../../core/github/suspects';
import type { IncidentState } from '../../core/incident/incident';
import { folderSettings } from '../settings';

/** What makes a merged PR a suspect of this incident: its start and systems, and its folder's settings. */
export function suspectRules(incident: { readonly uri: vscode.Uri; readonly state: Pick<IncidentState, 'startedAt' | 'systems'> }): SuspectRules {
  const settings = folderSettings(incident.uri);
  return { startedAt: new Date(incident.state.startedAt), systems: incident.state.systems, suspectHours: settings.githubSuspectHours, riskyLabels: settings.githubRiskyLabels };
}
