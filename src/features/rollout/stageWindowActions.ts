import * as vscode from 'vscode';
import { collectDashboards } from '../../core/dashboards/collectDashboards';
import { rewriteTimeWindow } from '../../core/dashboards/timeWindow';
import type { RolloutStage } from '../../core/rollout/releasePlan';
import { stageLabel } from '../../core/rollout/stageRows';
import { stageWindow } from '../../core/rollout/stageStatus';
import { checkOpenable } from '../../core/runbook/links';
import { formatSpan } from '../../core/time/formatTime';
import { searchDefaults } from '../changes/searchDefaults';
import type { RunbookModels } from '../playbook/runbookModels';
import { RolloutError } from './planWriter';
import type { LoadedPlan } from './releasePlans';

/** Opening more dashboards than this asks first, as the incident's Open All Dashboards does. */
const ASK_BEFORE_OPENING_MORE_THAN = 3;

function windowOf(loaded: LoadedPlan, stage: RolloutStage, now: Date): { from: Date; to: Date } {
  const window = stageWindow(loaded.plan, stage, now);
  if (!window) throw new RolloutError(`"${stage.name}" has not started: it has no window yet.`);
  return window;
}

/**
 * The plan's dashboards (its links under success criteria included, HTML `<a href>` as in the seed) opened at the
 * stage's window. Returns the addresses opened; asks first when there are many, unless `confirmed`.
 */
export async function openStageDashboards(loaded: LoadedPlan, stage: RolloutStage, models: RunbookModels, openLink: (url: string) => Promise<boolean>, confirmed: boolean, now = new Date()): Promise<string[]> {
  const window = windowOf(loaded, stage, now);
  const model = await models.load(loaded.uri);
  const links = model.ok ? collectDashboards(model.runbook, []) : [];
  if (!links.length) throw new RolloutError(`${vscode.workspace.asRelativePath(loaded.uri)} links no dashboard (Datadog, Grafana, Sentry, Kibana…).`);
  const span = formatSpan(window.from, window.to, { now });
  const planned = links.flatMap((link) => {
    const rewrite = rewriteTimeWindow(link.url, window);
    const decision = checkOpenable(rewrite.url);
    return decision.ok && !decision.url.startsWith('mailto:') ? [{ label: link.label, url: decision.url, timed: rewrite.ok }] : [];
  });
  if (!confirmed && planned.length > ASK_BEFORE_OPENING_MORE_THAN) {
    const open = `Open ${planned.length} Dashboards`;
    const answer = await vscode.window.showInformationMessage(`Open ${planned.length} dashboards for ${stageLabel(stage)}?`, { modal: true, detail: `Each opens at ${span}: ${planned.map((p) => p.label).join(', ')}.` }, open);
    if (answer !== open) return [];
  }
  const opened: string[] = [];
  for (const dashboard of planned) if (await openLink(dashboard.url)) opened.push(dashboard.url);
  const untimed = planned.filter((p) => !p.timed).length;
  if (opened.length) vscode.window.setStatusBarMessage(`$(check) Opened ${opened.length === 1 ? 'a dashboard' : `${opened.length} dashboards`} for ${stageLabel(stage)}: ${span}${untimed ? `; ${untimed} without a time window` : ''}`, 10_000);
  return opened;
}

/** The merged-PR search for the stage's window, in the Recent Changes view; the plan's own search link (else the settings, the git remote) names the repositories. */
export async function whatShippedDuringStage(loaded: LoadedPlan, stage: RolloutStage, models: RunbookModels, now = new Date()): Promise<unknown> {
  const window = windowOf(loaded, stage, now);
  const defaults = await searchDefaults(loaded.uri, models);
  return vscode.commands.executeCommand('runbook.searchMergedPullRequests', {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    ...(defaults.repos.length ? { repos: defaults.repos } : {}),
  });
}
