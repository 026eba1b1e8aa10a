import * as vscode from 'vscode';
import type { GoNoGoAnswer } from '../../core/rollout/rolloutEdits';
import type { ReleasePlan } from '../../core/rollout/releasePlan';
import { shortWarnings, stageLabel } from '../../core/rollout/stageRows';
import { audience, goNoGoWarnings, type RolloutState } from '../../core/rollout/stageStatus';

export interface GoNoGoDecision {
  readonly go: boolean;
  readonly answers: readonly GoNoGoAnswer[];
  /** The warnings the person went ahead despite. */
  readonly despite: readonly string[];
}

type AnswerItem = vscode.QuickPickItem & { readonly answer: GoNoGoAnswer['answer'] };
const ANSWERS: readonly AnswerItem[] = [
  { label: '$(pass) Held', answer: 'held' },
  { label: '$(error) Not held', description: 'a note follows', answer: 'not held' },
  { label: '$(debug-step-over) Skip', description: 'not checked this time', answer: 'skipped' },
];

/**
 * The go/no-go check before the next stage: each success criterion of the plan answered in turn (held, not
 * held with a note, skipped), then Go or No-go, with what speaks against going (empty results, a timebox not
 * over, a criterion not held) beside Go. Undefined when the person stops anywhere: nothing is written.
 */
export async function goNoGoCheck(plan: ReleasePlan, state: RolloutState, now: Date): Promise<GoNoGoDecision | undefined> {
  const next = state.next?.stage;
  const live = state.live?.stage;
  if (!next) return undefined;
  if (!live) {
    const go = { label: `$(debug-start) Start ${stageLabel(next)} now`, detail: `Writes its Date (now) into the plan${plan.flipperFeature ? ` and sets ${plan.flipperFeature} in Flipper when connected` : ''}.` };
    const picked = await vscode.window.showQuickPick([go], { title: `Start the rollout: ${next.name}`, placeHolder: 'No stage is live yet: the first one starts without a go/no-go check', ignoreFocusOut: true });
    return picked ? { go: true, answers: [], despite: [] } : undefined;
  }
  const answers: GoNoGoAnswer[] = [];
  const criteria = plan.successCriteria;
  for (const [index, criterion] of criteria.entries()) {
    const title = `Go/no-go for ${stageLabel(live)}: criterion ${index + 1} of ${criteria.length}`;
    const picked = await vscode.window.showQuickPick(ANSWERS, { title, placeHolder: criterion.text, ignoreFocusOut: true });
    if (!picked) return undefined;
    let note: string | undefined;
    if (picked.answer !== 'held') {
      note = await vscode.window.showInputBox({ title, prompt: `${criterion.text}: ${picked.answer === 'not held' ? 'what was seen' : 'why it was not checked'} (optional; Enter to go on)`, ignoreFocusOut: true });
      if (note === undefined) return undefined;
    }
    answers.push({ criterion: criterion.text, answer: picked.answer, ...(note?.trim() ? { note: note.trim() } : {}) });
  }
  const notHeld = answers.filter((a) => a.answer === 'not held').length;
  const warnings = [...goNoGoWarnings(plan, now), ...(notHeld ? [`${notHeld} ${notHeld === 1 ? 'criterion was' : 'criteria were'} not held`] : [])];
  type Choice = vscode.QuickPickItem & { readonly go: boolean };
  // The warnings in a few words on a line of their own (`detail`), so none is cut; the plan's note has them in full.
  const short = shortWarnings(state.live, now, notHeld);
  const go: Choice = { label: `$(debug-start) Go: start ${stageLabel(next)}`, description: `${audience(next)} of users`, ...(short.length ? { detail: `$(warning) ${short.join(' · ')}` } : {}), go: true };
  const stay: Choice = { label: `$(circle-slash) No-go: stay on ${stageLabel(live)}`, description: 'notes the answers, then offers Roll Back', go: false };
  const tally = `${answers.filter((a) => a.answer === 'held').length} held, ${notHeld} not held, ${answers.filter((a) => a.answer === 'skipped').length} skipped`;
  const decision = await vscode.window.showQuickPick(notHeld ? [stay, go] : [go, stay], { title: `Go/no-go for ${stageLabel(live)}`, placeHolder: criteria.length ? tally : 'The plan lists no success criteria', ignoreFocusOut: true });
  if (!decision) return undefined;
  return { go: decision.go, answers, despite: decision.go ? warnings : [] };
}
