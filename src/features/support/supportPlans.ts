import * as vscode from 'vscode';
import type { Runbook } from '../../core/runbook/model';
import { findQueueLinks, type ServiceNowQueueLink } from '../../core/servicenow/queueLink';
import { isSupportPlan, type ShiftCheck, shiftChecklist } from '../../core/support/supportPlan';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { RunbookSubset } from '../playbook/runbookSubset';

/** A support plan as read: its model, today's checks, and the ServiceNow queue it links (the first one). */
export interface LoadedSupportPlan {
  readonly uri: vscode.Uri;
  readonly title: string;
  readonly runbook: Runbook;
  readonly checks: readonly ShiftCheck[];
  readonly queue?: ServiceNowQueueLink;
}

/** The workspace's support plans: discovered runbooks whose content reads as one, re-read when they change. */
export class SupportPlans extends RunbookSubset<LoadedSupportPlan> {
  constructor(
    discovery: RunbookDiscovery,
    private readonly models: RunbookModels,
  ) {
    super(discovery, models);
  }

  /** The plan in `uri` read now; undefined when it does not read as a support plan. */
  async get(uri: vscode.Uri, chosen = false): Promise<LoadedSupportPlan | undefined> {
    const loaded = await this.models.load(uri);
    if (!loaded.ok) return undefined;
    if (!chosen && !isSupportPlan(loaded.runbook, loaded.text)) return undefined;
    const queue = findQueueLinks(loaded.text)[0];
    return { uri, title: loaded.runbook.title, runbook: loaded.runbook, checks: shiftChecklist(loaded.runbook), ...(queue ? { queue } : {}) };
  }

  /** Every runbook, for choosing one as the plan when none reads as a support plan. */
  async candidates(): Promise<vscode.Uri[]> {
    return (await this.discovery.findRunbooks()).map((f) => f.uri);
  }

  protected readOne(uri: vscode.Uri): Promise<LoadedSupportPlan | undefined> {
    return this.get(uri);
  }
}

/** A plan named by its URI or its workspace path. */
export function planUriOf(given: string): vscode.Uri | undefined {
  if (/^[a-z][a-z0-9+.-]+:/i.test(given)) return vscode.Uri.parse(given, true);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, given);
}
