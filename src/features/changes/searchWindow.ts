import * as vscode from 'vscode';
import { parseSearchDate, parseSearchWindow } from '../../core/github/searchDates';
import { formatTime } from '../../core/time/formatTime';
import { folderSettings } from '../settings';

export interface SearchWindow {
  readonly from: Date;
  readonly to: Date;
}

const FORMATS = 'YYYY-MM-DD, YYYY-MM-DDTHH:mm (your time) or ISO 8601 with an offset';

/**
 * The window to search: from the argument (a bad one rejects, naming the field),
 * else the incident's look-back, else the person's choice. Undefined when dismissed.
 */
export async function chooseWindow(args: { readonly from?: string; readonly to?: string }, incident: { readonly startedAt: string; readonly record: vscode.Uri } | undefined): Promise<SearchWindow | undefined> {
  const now = new Date();
  if (args.from || args.to) {
    const window = parseSearchWindow(args.from ?? '', args.to ?? now.toISOString());
    if (!window.ok) throw new Error(window.message);
    return window;
  }
  if (incident) {
    const lookback = folderSettings(incident.record).githubLookbackHours;
    return { from: new Date(new Date(incident.startedAt).getTime() - lookback * 3_600_000), to: now };
  }
  const hours = (h: number) => ({ from: new Date(now.getTime() - h * 3_600_000), to: now });
  const pick = await vscode.window.showQuickPick([{ label: 'Last 2 hours', w: hours(2) }, { label: 'Last 24 hours', w: hours(24) }, { label: 'Last 7 days', w: hours(24 * 7) }, { label: 'Custom…', w: undefined }], { title: 'Merged pull requests: which window?' });
  if (!pick) return undefined;
  return pick.w ?? customWindow(now);
}

/** From, then To, each checked where it is typed: every message names a field the person can fix in the box in front of them. */
async function customWindow(now: Date): Promise<SearchWindow | undefined> {
  const fromText = await vscode.window.showInputBox({
    title: 'Merged pull requests: From (1/2)',
    prompt: FORMATS,
    value: localMinute(new Date(now.getTime() - 24 * 3_600_000)),
    ignoreFocusOut: true,
    validateInput: (text) => checkFrom(text, now),
  });
  if (fromText === undefined) return undefined;
  const from = parseSearchDate('From', fromText);
  if (!from.ok) return undefined;
  const toText = await vscode.window.showInputBox({
    title: 'Merged pull requests: To (2/2)',
    prompt: `${FORMATS}; empty for now. From is ${formatTime(from.date, { now })}.`,
    placeHolder: 'now',
    ignoreFocusOut: true,
    validateInput: (text) => checkTo(text, from.date, now),
  });
  if (toText === undefined) return undefined;
  const to = toText.trim() ? parseSearchDate('To', toText) : { ok: true as const, date: now };
  return to.ok ? { from: from.date, to: to.date } : undefined;
}

function checkFrom(text: string, now: Date): string | undefined {
  const from = parseSearchDate('From', text);
  if (!from.ok) return from.message;
  return from.date >= now ? `From: ${formatTime(from.date, { now })} is in the future; nothing has been merged after it yet.` : undefined;
}

function checkTo(text: string, from: Date, now: Date): string | undefined {
  if (!text.trim()) return undefined;
  const to = parseSearchDate('To', text);
  if (!to.ok) return to.message;
  return to.date <= from ? `To: ${formatTime(to.date, { now })} is not after From (${formatTime(from, { now })}).` : undefined;
}

/** YYYY-MM-DDTHH:mm in the person's zone, the format they are asked to type. */
function localMinute(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
