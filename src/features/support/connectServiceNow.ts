import * as vscode from 'vscode';
import { argumentObject } from '../incident/incidentArgument';
import type { ServiceNowClient } from '../servicenow/serviceNowClient';
import { ServiceNowError } from '../servicenow/serviceNowClient';
import { approvedInstance, approvedInstances, hostOf, offerToApprove } from '../servicenow/serviceNowInstances';
import type { ServiceNowCredentials } from '../servicenow/serviceNowSecret';
import type { SupportPlans } from './supportPlans';

/**
 * `runbook.connectServiceNow { instance, username, password }` or `{ instance, token }`: stores the credentials
 * without asking (the instance must be in runbook.servicenow.instances already) and answers whether an
 * authenticated read succeeded. Without an argument (or from a row) it asks, offering to approve a plan's instance.
 */
export async function connectServiceNow(client: ServiceNowClient, plans: SupportPlans, memento: vscode.Memento, arg: unknown): Promise<boolean | undefined> {
  const row = arg as { type?: unknown; instance?: unknown } | undefined;
  const fromRow = row?.type === 'instance' && typeof row.instance === 'string' ? row.instance : undefined;
  const args = fromRow ? undefined : argumentObject(arg, ['instance', 'username', 'password', 'token']);
  if (args) {
    if (typeof args.instance !== 'string' || !args.instance.trim()) throw new ServiceNowError('instance: the ServiceNow instance\'s host name, such as yourcompany.service-now.com.', 'failed');
    const instance = hostOf(args.instance);
    if (!approvedInstance(instance)) throw new ServiceNowError(`${instance} is not in your runbook.servicenow.instances user setting: credentials are sent only to instances listed there.`, 'not approved');
    const credentials = credentialsOf(args);
    if (!credentials) throw new ServiceNowError('Give { instance, username, password } or { instance, token }.', 'failed');
    const result = await client.connect(instance, credentials);
    if (!result.ok) throw new ServiceNowError(result.error, 'auth');
    return true;
  }
  const instance = fromRow ? hostOf(fromRow) : await chooseInstance(plans);
  if (!instance) return undefined;
  if (!(await offerToApprove(instance, memento, 'The support plan', true))) {
    if (!approvedInstance(instance)) {
      void vscode.window.showInformationMessage(`Not connected: ${instance} is not in runbook.servicenow.instances. Add it to your user settings to connect later; the queue still opens in the browser.`);
      return undefined;
    }
  }
  const basic = 'Username and password';
  const kind = await vscode.window.showQuickPick([basic, 'OAuth access token'], { title: `Connect ServiceNow: ${instance}`, placeHolder: 'How does this instance authenticate you? (kept in VS Code\'s secret storage, sent only to this instance)', ignoreFocusOut: true });
  if (!kind) return undefined;
  let credentials: ServiceNowCredentials;
  if (kind === basic) {
    const username = await vscode.window.showInputBox({ title: `Connect ServiceNow: ${instance} (1/2)`, prompt: 'User name', ignoreFocusOut: true });
    if (!username) return undefined;
    const password = await vscode.window.showInputBox({ title: `Connect ServiceNow: ${instance} (2/2)`, prompt: 'Password', password: true, ignoreFocusOut: true });
    if (!password) return undefined;
    credentials = { kind: 'basic', username: username.trim(), password };
  } else {
    const token = await vscode.window.showInputBox({ title: `Connect ServiceNow: ${instance}`, prompt: 'OAuth access token (Bearer)', password: true, ignoreFocusOut: true });
    if (!token) return undefined;
    credentials = { kind: 'bearer', token: token.trim() };
  }
  const result = await client.connect(instance, credentials);
  if (result.ok) vscode.window.setStatusBarMessage(`$(check) Connected to ServiceNow (${instance}): the Tickets view lists the queue`, 8000);
  else void vscode.window.showErrorMessage(`${result.error} Nothing was stored.`);
  return result.ok;
}

export async function disconnectServiceNow(client: ServiceNowClient, plans: SupportPlans): Promise<void> {
  const instance = await chooseInstance(plans);
  if (!instance) return;
  await client.disconnect(instance);
  vscode.window.setStatusBarMessage(`$(check) ServiceNow credentials for ${instance} removed`, 5000);
}

function credentialsOf(args: Record<string, unknown>): ServiceNowCredentials | undefined {
  if (typeof args.token === 'string' && args.token.trim()) return { kind: 'bearer', token: args.token.trim() };
  if (typeof args.username === 'string' && args.username.trim() && typeof args.password === 'string' && args.password) return { kind: 'basic', username: args.username.trim(), password: args.password };
  return undefined;
}

/** The instances plans link and the user approved; one is taken without asking. */
async function chooseInstance(plans: SupportPlans): Promise<string | undefined> {
  const linked = (await plans.all()).flatMap((p) => (p.queue ? [p.queue.instance] : []));
  const all = [...new Set([...linked, ...approvedInstances().map((a) => a.instance)])];
  if (all.length === 1) return all[0];
  if (!all.length) {
    const written = await vscode.window.showInputBox({ title: 'Connect ServiceNow', prompt: 'The instance\'s host name, such as yourcompany.service-now.com', ignoreFocusOut: true });
    return written?.trim() ? hostOf(written) : undefined;
  }
  return vscode.window.showQuickPick(all, { title: 'Connect ServiceNow', placeHolder: 'Which instance?' });
}
