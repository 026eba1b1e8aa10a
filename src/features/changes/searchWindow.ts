import type * as vscode from 'vscode';
import { parseSearchWindow } from '../../core/github/searchDates';
import type { TimeSpan } from '../../core/time/windowInput';
import { folderSettings } from '../settings';
import { pickWindow } from '../timeWindowInput';

const PRESETS = [
  { label: 'Last 2 hours', hours: 2 },
  { label: 'Last 24 hours', hours: 24 },
  { label: 'Last 7 days', hours: 24 * 7 },
];

/**
 * The window to search: from the argument (a bad one rejects, naming the field),
 * else the incident's look-back, else the person's choice. Undefined when dismissed.
 */
export async function chooseWindow(args: { readonly from?: string; readonly to?: string }, incident: { readonly startedAt: string; readonly record: vscode.Uri } | undefined): Promise<TimeSpan | undefined> {
  const now = new Date();
  if (args.from || args.to) {
    const window = parseSearchWindow(args.from ?? '', args.to ?? now.toISOString());
    if (!window.ok) throw new Error(window.message);
    return window;
  }
  if (incident) return incidentSearchWindow(incident, now);
  return pickWindow('Merged pull requests', PRESETS, now);
}

/** The incident's look-back (runbook.github.lookbackHours before its start) until now. */
export function incidentSearchWindow(incident: { readonly startedAt: string; readonly record: vscode.Uri }, now: Date): TimeSpan {
  const lookback = folderSettings(incident.record).githubLookbackHours;
  return { from: new Date(new Date(incident.startedAt).getTime() - lookback * 3_600_000), to: now };
}
