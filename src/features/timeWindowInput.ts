import * as vscode from 'vscode';
import { formatTime } from '../core/time/formatTime';
import { checkFrom, checkTo, localMinute, readWindow, type TimeSpan, WINDOW_DATE_FORMATS } from '../core/time/windowInput';

/** One preset of the window picker: the last `hours` hours until now. */
export interface WindowPreset {
  readonly label: string;
  readonly hours: number;
}

/**
 * "<subject>: which window?": the feature's presets, then Custom… with From and To boxes, each checked where it
 * is typed, so every message names a field the person can fix in the box in front of them.
 * Undefined only when the person dismissed a step.
 */
export async function pickWindow(subject: string, presets: readonly WindowPreset[], now: Date): Promise<TimeSpan | undefined> {
  const items = [...presets.map((p) => ({ label: p.label, hours: p.hours as number | undefined })), { label: 'Custom…', hours: undefined }];
  const pick = await vscode.window.showQuickPick(items, { title: `${subject}: which window?` });
  if (!pick) return undefined;
  return pick.hours === undefined ? customWindow(subject, now) : { from: new Date(now.getTime() - pick.hours * 3_600_000), to: now };
}

async function customWindow(subject: string, now: Date): Promise<TimeSpan | undefined> {
  const fromText = await vscode.window.showInputBox({
    title: `${subject}: From (1/2)`,
    prompt: WINDOW_DATE_FORMATS,
    value: localMinute(new Date(now.getTime() - 24 * 3_600_000)),
    ignoreFocusOut: true,
    validateInput: (text) => checkFrom(text, now),
  });
  if (fromText === undefined) return undefined;
  const from = readWindow(fromText, '', now);
  if (!from.ok) return refuse(from.message);
  const toText = await vscode.window.showInputBox({
    title: `${subject}: To (2/2)`,
    prompt: `${WINDOW_DATE_FORMATS}; empty for now. From is ${formatTime(from.window.from, { now })}.`,
    placeHolder: 'now',
    ignoreFocusOut: true,
    validateInput: (text) => checkTo(text, from.window.from, now),
  });
  if (toText === undefined) return undefined;
  const window = readWindow(fromText, toText, now);
  return window.ok ? window.window : refuse(window.message);
}

/** The boxes refuse what `readWindow` refuses, so this is only a guard: never an empty result without a word. */
function refuse(message: string): undefined {
  void vscode.window.showErrorMessage(message);
  return undefined;
}
