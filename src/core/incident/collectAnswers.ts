import type { Runbook } from '../runbook/model';
import { clip } from '../text';
import { buildViewTree, stepKey, type ViewNode } from '../runbook/treeModel';
import { formatTime } from '../time/formatTime';
import { formatElapsed, minutesBetween, type NewIncident } from './incident';

/** A Collect item the start answered: its progress key (as the Playbook keys it), its label, and the timeline entry. */
export interface CollectedAnswer {
  readonly key: string;
  readonly label: string;
  readonly text: string;
}

type Answer = (incident: NewIncident, timeZone: string | undefined) => string | undefined;

// What each question of the Collect step starts with ("Impact: How many…", "Error Type: 500s?"), and how it is answered.
const QUESTIONS: readonly { readonly pattern: RegExp; readonly name: string; readonly answer: Answer }[] = [
  { pattern: /^(?:impact|affected)\b/i, name: 'impact', answer: (i) => [i.affected, i.impact].filter(Boolean).join(' — ') || undefined },
  { pattern: /^error[ -]?types?\b/i, name: 'error type', answer: (i) => i.errorTypes.join(', ') || undefined },
  { pattern: /^(?:systems?|services?)\b/i, name: 'systems', answer: (i) => i.systems.join(', ') || undefined },
  // "Now" (an empty Started field) is the form's default, not an estimate: only a start before the declaration answers it.
  { pattern: /^time ?frame\b/i, name: 'timeframe', answer: timeframe },
];

const COLLECT_SECTION = /\bcollect\b/i;
const MAX_ANSWER = 120;

/**
 * The items of the runbook's Collect step that a new incident's answers fill: impact (or affected), error
 * types, systems and, when a start time was given, the timeframe. Each once, in the runbook's order, keyed
 * as the Playbook keys a step's progress (`stepKey` of the row's id under `rootId`, the runbook's URI).
 */
export function answeredCollectSteps(runbook: Runbook, rootId: string, incident: NewIncident, timeZone?: string): CollectedAnswer[] {
  const collect = findRow(buildViewTree(runbook, rootId, { isDone: () => false }), (row) => row.kind === 'section' && COLLECT_SECTION.test(row.label));
  if (!collect) return [];
  const answered: CollectedAnswer[] = [];
  const used = new Set<string>();
  for (const row of stepRows(collect.children)) {
    const text = row.source.kind === 'step' ? row.source.text.trim() : '';
    const question = QUESTIONS.find((q) => !used.has(q.name) && q.pattern.test(text));
    const answer = question?.answer(incident, timeZone);
    if (!question || !answer) continue;
    used.add(question.name);
    answered.push({ key: stepKey(row.id, rootId), label: row.label, text: `Collected ${question.name}: ${clip(answer, MAX_ANSWER)}` });
  }
  return answered;
}

function timeframe(incident: NewIncident, timeZone: string | undefined): string | undefined {
  const minutes = minutesBetween(incident.startedAt, new Date(incident.detectedAt));
  if (minutes < 1) return undefined;
  const since = formatTime(new Date(incident.startedAt), { dateUnless: new Date(incident.detectedAt), ...(timeZone ? { timeZone } : {}) });
  return `going on for ${formatElapsed(minutes)} (since ${since})`;
}

function findRow(rows: readonly ViewNode[], test: (row: ViewNode) => boolean): ViewNode | undefined {
  for (const row of rows) {
    if (test(row)) return row;
    const inside = findRow(row.children, test);
    if (inside) return inside;
  }
  return undefined;
}

/** Steps with a checkbox (their progress is the incident's; a checklist item's box is in the runbook's own text), at any depth. */
function stepRows(rows: readonly ViewNode[]): ViewNode[] {
  return rows.flatMap((row) => [...(row.kind === 'step' && row.checked !== undefined ? [row] : []), ...stepRows(row.children)]);
}
