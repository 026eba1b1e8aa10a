import * as vscode from 'vscode';
import { CONFIG_SECTION, userOnlySettings } from '../settings';

/** An instance the user approved, and where its REST API is reached. */
export interface ApprovedInstance {
  readonly instance: string;
  readonly apiUrl: string;
}

const SETTING = 'servicenow.instances';
const DECLINED_KEY = 'runbook.servicenow.declinedInstances';

/** The user's own `runbook.servicenow.instances` (application scope; a workspace value is never read). */
export function approvedInstances(): ApprovedInstance[] {
  return userOnlySettings().serviceNowInstances.flatMap((entry): ApprovedInstance[] => {
    if (typeof entry === 'string' && entry.trim()) return [{ instance: hostOf(entry), apiUrl: `https://${hostOf(entry)}` }];
    if (typeof entry !== 'object' || entry === null) return [];
    const { instance, apiUrl } = entry as { instance?: unknown; apiUrl?: unknown };
    if (typeof instance !== 'string' || !instance.trim()) return [];
    const base = typeof apiUrl === 'string' && /^https?:\/\//i.test(apiUrl.trim()) ? apiUrl.trim().replace(/\/+$/, '') : `https://${hostOf(instance)}`;
    return [{ instance: hostOf(instance), apiUrl: base }];
  });
}

export function approvedInstance(instance: string): ApprovedInstance | undefined {
  const wanted = hostOf(instance);
  return approvedInstances().find((a) => a.instance === wanted);
}

/** "https://x.service-now.com/" or "X.service-now.com" → "x.service-now.com". */
export function hostOf(written: string): string {
  const trimmed = written.trim().toLowerCase();
  try {
    return /^[a-z]+:\/\//.test(trimmed) ? new URL(trimmed).host : trimmed.replace(/\/.*$/, '');
  } catch {
    return trimmed;
  }
}

/**
 * A plan links an instance the user has not approved: asks whether to add it to the user settings. Unasked
 * (`explicit` false: a view found the link) it is asked once per instance, and the answer is remembered; a person's
 * Connect ServiceNow… asks every time. Resolves whether it is approved now. Never asked from automation.
 */
export async function offerToApprove(instance: string, memento: vscode.Memento, why: string, explicit: boolean): Promise<boolean> {
  if (approvedInstance(instance)) return true;
  const asked = memento.get<string[]>(DECLINED_KEY, []);
  if (!explicit && asked.includes(instance)) return false;
  if (!explicit) await memento.update(DECLINED_KEY, [...asked, instance]);
  const add = 'Add to User Settings';
  const question = `${why} links the ServiceNow instance ${instance}. Add it to your user settings (runbook.servicenow.instances), so your ServiceNow credentials may be sent there?`;
  const detail = 'Credentials are only ever sent to instances you list there. Without it the queue opens in the browser.';
  const answer = explicit ? await vscode.window.showInformationMessage(question, { modal: true, detail }, add) : await vscode.window.showInformationMessage(`${question} ${detail}`, add, 'Not Now');
  if (answer !== add) return false;
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const current = config.inspect<unknown[]>(SETTING)?.globalValue ?? [];
  await config.update(SETTING, [...current, instance], vscode.ConfigurationTarget.Global);
  return true;
}
