import * as vscode from 'vscode';
import { parseReleasePlan, type RolloutStage } from '../../core/rollout/releasePlan';
import { type FlipperConfirmation, type GoNoGoAnswer, recordResults, rollBack, startNextStage } from '../../core/rollout/rolloutEdits';
import { stageLabel } from '../../core/rollout/stageRows';
import { audience, findStage, rolloutState, type RolloutSummary, rolloutSummary } from '../../core/rollout/stageStatus';
import { applyTextEdits } from '../../core/incident/textEdits';
import { argumentObject } from '../incident/incidentArgument';
import type { FlipperClient } from './flipperClient';
import type { FlipperStatus } from './flipperStatus';
import { goNoGoCheck } from './goNoGo';
import { planChangedError, RolloutError, writePlan } from './planWriter';
import type { LoadedPlan, ReleasePlans } from './releasePlans';
import type { RolloutElement } from './rolloutTreeProvider';

export interface ActionDeps {
  readonly plans: ReleasePlans;
  readonly flipper: FlipperClient;
  readonly flipperStatus: FlipperStatus;
}

/** The plan an action is for: `uri` of an argument, a Rollout view row, the active editor's plan, the only plan, or the one picked. */
export async function choosePlan(plans: ReleasePlans, arg: unknown, args: Readonly<Record<string, unknown>> | undefined): Promise<LoadedPlan | undefined> {
  const fromRow = isElement(arg) ? arg.loaded.uri : undefined;
  const given = args?.uri;
  if (given !== undefined && typeof given !== 'string' && !(given instanceof vscode.Uri)) throw new RolloutError('uri: give the release plan\'s URI as a string.');
  const uri = fromRow ?? (typeof given === 'string' ? vscode.Uri.parse(given, true) : given);
  if (uri) {
    const loaded = await plans.get(uri).catch(() => undefined);
    if (!loaded) throw new RolloutError(`${vscode.workspace.asRelativePath(uri)} is not a release plan: no "Stage X:" headings or "[ ] N%" rollout checklist in it.`);
    return loaded;
  }
  const editor = vscode.window.activeTextEditor?.document;
  const active = editor?.languageId === 'markdown' ? await plans.get(editor.uri) : undefined;
  if (active) return active;
  const all = await plans.all();
  if (all.length === 1) return plans.get((all[0] as LoadedPlan).uri);
  if (!all.length) throw new RolloutError('No release plan in this workspace: a runbook with "Stage X:" headings (and "Percentage of Users" lines) or a "[ ] N%" rollout checklist.');
  if (args) throw new RolloutError(`uri: the workspace has ${all.length} release plans; name one (${all.map((p) => vscode.workspace.asRelativePath(p.uri)).join(', ')}).`);
  const picked = await vscode.window.showQuickPick(all.map((p) => ({ label: p.plan.title, description: vscode.workspace.asRelativePath(p.uri), uri: p.uri })), { title: 'Which release plan?' });
  return picked && plans.get(picked.uri);
}

function isElement(arg: unknown): arg is Exclude<RolloutElement, { type: 'criteria' }> & { loaded: LoadedPlan } {
  return typeof arg === 'object' && arg !== null && 'type' in arg && 'loaded' in arg;
}

/** The argument form may carry the revision `getRollout` answered with: a plan edited since then is refused. */
function checkRevision(loaded: LoadedPlan, args: Readonly<Record<string, unknown>> | undefined): void {
  const revision = args?.revision;
  if (revision !== undefined && revision !== loaded.revision) throw planChangedError(loaded);
}

/** The plan read again after the person answered: still the text the action was worked out on, or refused. */
async function unchanged(plans: ReleasePlans, loaded: LoadedPlan): Promise<void> {
  const now = await plans.get(loaded.uri);
  if (!now || now.revision !== loaded.revision) throw planChangedError(loaded);
}

function summaryAfter(loaded: LoadedPlan, edits: Parameters<typeof applyTextEdits>[1], now: Date): RolloutSummary & { readonly revision?: string } {
  const plan = parseReleasePlan(applyTextEdits(loaded.text, edits)) ?? loaded.plan;
  return rolloutSummary(plan, now);
}

export async function getRollout(deps: ActionDeps, arg: unknown): Promise<(RolloutSummary & { readonly uri: string; readonly revision: string }) | undefined> {
  const args = argumentObject(arg, ['uri']);
  const loaded = await choosePlan(deps.plans, arg, args);
  // From the palette, the answer is the Rollout view itself.
  if (loaded && !args) await vscode.commands.executeCommand('runbook.rollout.focus');
  return loaded && { uri: loaded.uri.toString(), revision: loaded.revision, ...rolloutSummary(loaded.plan, new Date()) };
}

const START_FIELDS = ['uri', 'revision', 'go', 'answers'];

export async function startNext(deps: ActionDeps, arg: unknown, offerRollBack: (loaded: LoadedPlan) => void): Promise<RolloutSummary | undefined> {
  const args = argumentObject(arg, START_FIELDS);
  const loaded = await choosePlan(deps.plans, arg, args);
  if (!loaded) return undefined;
  checkRevision(loaded, args);
  const now = new Date();
  const state = rolloutState(loaded.plan, now);
  const next = state.next?.stage;
  if (!next) throw new RolloutError(state.live ? `"${state.live.stage.name}" is the last stage: there is no next stage to start.` : 'The plan has no stage to start.');
  let decision: { go: boolean; answers: readonly GoNoGoAnswer[]; despite: readonly string[] } | undefined;
  if (args) {
    if (typeof args.go !== 'boolean') throw new RolloutError('go: true to start the next stage, false to record a no-go.');
    decision = { go: args.go, answers: readAnswers(args.answers), despite: [] };
  } else {
    decision = await goNoGoCheck(loaded.plan, state, now);
    if (!decision) return undefined;
    await unchanged(deps.plans, loaded);
  }
  const flipper = decision.go ? await setFlag(deps, loaded, next, !args) : undefined;
  const result = startNextStage(loaded.text, loaded.plan, { now, go: decision.go, answers: decision.answers, despite: decision.despite, ...(flipper ? { flipper } : {}) });
  if (!result.ok) throw new RolloutError(result.error);
  await writePlan(loaded, result.edits, result.focusLine, result.message);
  if (decision.go && !flipper && !args) remindFlagByHand(loaded, next.percentage);
  if (!decision.go && !args) offerRollBack(loaded);
  return summaryAfter(loaded, result.edits, now);
}

function readAnswers(value: unknown): GoNoGoAnswer[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RolloutError('answers: a list of { criterion, answer: "held" | "not held" | "skipped", note? }.');
  return value.map((a: unknown, i) => {
    const item = (a ?? {}) as Record<string, unknown>;
    if (typeof item.criterion !== 'string' || !item.criterion.trim()) throw new RolloutError(`answers[${i}].criterion: the success criterion, as text.`);
    if (item.answer !== 'held' && item.answer !== 'not held' && item.answer !== 'skipped') throw new RolloutError(`answers[${i}].answer: "held", "not held" or "skipped".`);
    if (item.note !== undefined && typeof item.note !== 'string') throw new RolloutError(`answers[${i}].note: text.`);
    return { criterion: item.criterion, answer: item.answer, ...(typeof item.note === 'string' ? { note: item.note } : {}) };
  });
}

/**
 * Sets the plan's Flipper feature to the stage's percentage and reads it back, when Flipper is connected. A failure
 * refuses the whole action for automation (the plan must not say a percentage Flipper does not have); a person is
 * asked whether to write the stage anyway and set the flag by hand, so the answers they gave are not lost.
 */
async function setFlag(deps: ActionDeps, loaded: LoadedPlan, stage: RolloutStage | undefined, interactive: boolean, percentage = stage?.percentage): Promise<FlipperConfirmation | undefined> {
  const feature = loaded.plan.flipperFeature;
  if (!feature || percentage === undefined || !(await deps.flipper.isConnected())) return undefined;
  try {
    const state = await deps.flipper.setPercentage(feature, percentage);
    const at = new Date();
    deps.flipperStatus.set(feature, { state: 'read', feature: state, at });
    return { percentage, at };
  } catch (error) {
    deps.flipperStatus.refresh();
    const reason = error instanceof Error ? error.message : String(error);
    const anyway = 'Write It, Set Flipper by Hand';
    if (interactive && (await vscode.window.showWarningMessage(reason, { modal: true, detail: `Nothing has been written into the plan yet. Write it anyway and set ${feature} to ${percentage}% in Flipper yourself?` }, anyway)) === anyway) return undefined;
    throw new RolloutError(`${reason} Nothing was written into the plan.`);
  }
}

/** After a stage is written without Flipper: what to set by hand, as a notification that stays, with Copy. */
function remindFlagByHand(loaded: LoadedPlan, percentage: number | undefined): void {
  const feature = loaded.plan.flipperFeature;
  if (!feature) return;
  const copy = percentage === undefined ? `Copy "${feature}"` : `Copy ${percentage}`;
  const message = percentage === undefined ? `Enable ${feature} for the targeted users in Flipper: the plan does not set it.` : `Set ${feature} to ${percentage}% of actors in Flipper: the plan does not set it.`;
  void vscode.window.showWarningMessage(message, copy).then(async (chosen) => {
    if (chosen === copy) await vscode.env.clipboard.writeText(percentage === undefined ? feature : String(percentage));
  });
}

export async function recordStageResults(deps: ActionDeps, arg: unknown): Promise<RolloutSummary | undefined> {
  const args = argumentObject(arg, ['uri', 'revision', 'stage', 'results']);
  const loaded = await choosePlan(deps.plans, arg, args);
  if (!loaded) return undefined;
  checkRevision(loaded, args);
  const now = new Date();
  let stageName: string;
  let results: { field: string; value: string }[];
  if (args) {
    if (typeof args.stage !== 'string') throw new RolloutError('stage: the stage\'s heading ("Stage B: Moderate ramp up"), "Stage B" or its percentage ("5%").');
    stageName = args.stage;
    results = readResults(args.results);
  } else {
    const stage = isElement(arg) && arg.type === 'stage' ? arg.state.stage : rolloutState(loaded.plan, now).live?.stage;
    if (!stage) throw new RolloutError('No stage is live: choose a stage in the Rollout view to record its results.');
    const asked = await askResults(stage);
    if (!asked) return undefined;
    await unchanged(deps.plans, loaded);
    stageName = stage.name;
    results = asked;
  }
  const result = recordResults(loaded.text, loaded.plan, stageName, results);
  if (!result.ok) throw new RolloutError(result.error);
  await writePlan(loaded, result.edits, result.focusLine, result.message);
  return summaryAfter(loaded, result.edits, now);
}

function readResults(value: unknown): { field: string; value: string }[] {
  if (!Array.isArray(value)) throw new RolloutError('results: a list of { field, value }.');
  return value.map((r: unknown, i) => {
    const item = (r ?? {}) as Record<string, unknown>;
    if (typeof item.field !== 'string' || typeof item.value !== 'string') throw new RolloutError(`results[${i}]: { field, value }, both text.`);
    return { field: item.field, value: item.value };
  });
}

/** Each Results field in turn, prefilled with what is there; Enter keeps it, Escape stops without writing. */
async function askResults(stage: RolloutStage): Promise<{ field: string; value: string }[] | undefined> {
  if (!stage.results.length) throw new RolloutError(`"${stage.name}" has no Results fields ("- Field: value" lines under a Results heading).`);
  const answers: { field: string; value: string }[] = [];
  for (const [index, field] of stage.results.entries()) {
    const value = await vscode.window.showInputBox({
      title: `Results of ${stageLabel(stage)}: ${index + 1} of ${stage.results.length}`,
      prompt: `${field.label} (Enter keeps what is there; Escape writes nothing)`,
      value: field.value,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    answers.push({ field: field.label, value });
  }
  return answers;
}

export interface RolledBack {
  readonly loaded: LoadedPlan;
  readonly stage: RolloutStage;
  readonly reason: string;
  readonly severity: string;
}

export async function rollBackStage(deps: ActionDeps, arg: unknown, offerNext: (rolledBack: RolledBack) => void): Promise<RolloutSummary | undefined> {
  const args = argumentObject(arg, ['uri', 'revision', 'reason', 'severity', 'tickets']);
  const loaded = await choosePlan(deps.plans, arg, args);
  if (!loaded) return undefined;
  checkRevision(loaded, args);
  const now = new Date();
  const state = rolloutState(loaded.plan, now);
  const live = state.live?.stage;
  if (!live) throw new RolloutError('No stage is live: there is nothing to roll back.');
  let answers: { reason: string; severity: string; tickets: string } | undefined;
  if (args) {
    for (const key of ['reason', 'severity', 'tickets'] as const) if (args[key] !== undefined && typeof args[key] !== 'string') throw new RolloutError(`${key}: text.`);
    answers = { reason: (args.reason as string | undefined) ?? '', severity: (args.severity as string | undefined) ?? '', tickets: (args.tickets as string | undefined) ?? '' };
  } else {
    answers = await askRollBack(live, state.previous?.stage);
    if (!answers) return undefined;
    await unchanged(deps.plans, loaded);
  }
  if (!answers.reason.trim()) throw new RolloutError('reason: a rollback needs its reason.');
  const back = state.previous?.stage;
  const flipper = await setFlag(deps, loaded, back, !args, back?.percentage ?? 0);
  const result = rollBack(loaded.text, loaded.plan, { now, ...answers, ...(flipper ? { flipper } : {}) });
  if (!result.ok) throw new RolloutError(result.error);
  await writePlan(loaded, result.edits, result.focusLine, result.message);
  if (!flipper && !args) remindFlagByHand(loaded, back?.percentage ?? 0);
  if (!args) offerNext({ loaded, stage: live, reason: answers.reason, severity: answers.severity });
  return summaryAfter(loaded, result.edits, now);
}

async function askRollBack(live: RolloutStage, back: RolloutStage | undefined): Promise<{ reason: string; severity: string; tickets: string } | undefined> {
  const title = `Roll back ${stageLabel(live)}${back ? ` to ${stageLabel(back)}` : ' to 0%'}`;
  const reason = await vscode.window.showInputBox({ title: `${title}: 1 of 3`, prompt: 'Rollback reason (which rollback criterion was met, what was seen)', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A rollback needs its reason.') });
  if (reason === undefined) return undefined;
  const severity = await vscode.window.showInputBox({ title: `${title}: 2 of 3`, prompt: 'Severity/Impact (optional), for example "SEV-3: label printing slow for 5% of users"', ignoreFocusOut: true });
  if (severity === undefined) return undefined;
  const tickets = await vscode.window.showInputBox({ title: `${title}: 3 of 3`, prompt: 'Ticket(s) created to address it (optional; a follow-up issue can be created next)', ignoreFocusOut: true });
  if (tickets === undefined) return undefined;
  return { reason, severity, tickets };
}

/** The stage an argument or a row names; the live one by default. */
export async function chooseStage(deps: ActionDeps, arg: unknown): Promise<{ loaded: LoadedPlan; stage: RolloutStage; confirmed: boolean } | undefined> {
  const args = argumentObject(arg, ['uri', 'stage', 'confirmed']);
  const loaded = await choosePlan(deps.plans, arg, args);
  if (!loaded) return undefined;
  const confirmed = args?.confirmed === true;
  if (isElement(arg) && arg.type === 'stage') {
    const stage = loaded.plan.stages.find((s) => s.line === arg.state.stage.line) ?? arg.state.stage;
    return { loaded, stage, confirmed };
  }
  if (typeof args?.stage === 'string') {
    const found = findStage(loaded.plan, args.stage);
    if (!found.ok) throw new RolloutError(found.error);
    return { loaded, stage: found.stage, confirmed };
  }
  const state = rolloutState(loaded.plan, new Date());
  const started = state.stages.filter((s) => s.stage.startedAt && s.status !== 'next' && s.status !== 'upcoming');
  if (args || started.length <= 1) {
    const stage = state.live?.stage ?? started[0]?.stage;
    if (!stage) throw new RolloutError('No stage has started yet.');
    return { loaded, stage, confirmed };
  }
  const picked = await vscode.window.showQuickPick(
    started.map((s) => ({ label: stageLabel(s.stage), description: `${s.status} · ${audience(s.stage)}`, stage: s.stage })).reverse(),
    { title: 'Which stage?' },
  );
  return picked && { loaded, stage: picked.stage, confirmed };
}
