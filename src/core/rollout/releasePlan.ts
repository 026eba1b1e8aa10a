import type { IssueRef } from '../followUps/issueRefs';
import { markdownOutline, type Heading } from '../incident/markdownHeadings';
import { type PlanCriterion, readCriteria, type RollbackTemplate } from './planCriteria';
import { firstPercentage, indentation, leadingPercentage, type PlanField, readCheckLine, readField } from './planLines';
import { parseStageDate, parseStageLength } from './stageDates';
import { trackingIssue } from './trackingLink';
import { yaml } from '../yamlModule';

/** A rollback written into a stage: its "Rollback reason:" line and the block's Date. */
export interface StageRollback {
  readonly line: number;
  readonly reason: string;
  readonly date: Date | undefined;
}

export interface RolloutStage {
  /** The heading's text ("Stage B: Moderate ramp up"), or the checklist item's ("5%") in a plan without stage headings. */
  readonly name: string;
  /** The heading's line; the checklist item's when the plan has no stage headings. */
  readonly line: number;
  /** End of the stage's lines (exclusive): the next heading at its level or above. */
  readonly end: number;
  readonly percentage: number | undefined;
  /** "Targeted users" instead of a percentage (a canary of chosen people). */
  readonly targeted: boolean;
  readonly date: PlanField | undefined;
  readonly startedAt: Date | undefined;
  readonly length: PlanField | undefined;
  readonly lengthMs: number | undefined;
  readonly tracking: PlanField | undefined;
  readonly trackingIssue: IssueRef | undefined;
  readonly flipper: PlanField | undefined;
  /** The Results heading's line, and its `- Field: value` lines. */
  readonly resultsLine: number | undefined;
  readonly results: readonly PlanField[];
  readonly rollbacks: readonly StageRollback[];
}

/** A box of the overview's "Staged Rollout" checklist: `[ ] 5%`. */
export interface PercentageBox {
  readonly line: number;
  readonly mark: number;
  readonly checked: boolean;
  readonly percentage: number;
}

export interface ReleasePlan {
  readonly title: string;
  readonly stages: readonly RolloutStage[];
  readonly checklist: readonly PercentageBox[];
  readonly successCriteria: readonly PlanCriterion[];
  readonly rollbackCriteria: readonly PlanCriterion[];
  readonly rollbackTemplate: RollbackTemplate | undefined;
  /** The Flipper feature the rollout moves: a "Flipper feature: NAME" line or front matter's `flipper:`. */
  readonly flipperFeature: string | undefined;
  readonly eol: string;
}

// "Stage B: Moderate ramp up", "Stage 3 - 25%", "Stage A: Canary".
const STAGE_HEADING = /^stage\s+[a-z0-9]{1,3}\b/i;
const CANARY_OR_LAUNCH = /\b(?:canary|go[ -]live|launch|general availability)\b/i;

/**
 * A release plan read from its Markdown: the stages under `Stage X: …` headings (or headings with a percentage
 * in a plan that has "Percentage of Users" lines), else the boxes of a "Staged Rollout" percentage checklist.
 * Undefined for a document that is not one. One pass over the lines after the outline's.
 */
export function parseReleasePlan(text: string): ReleasePlan | undefined {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { headings, hidden } = markdownOutline(lines);
  const checklist = percentageBoxes(lines, hidden);
  const stageHeadings = findStageHeadings(lines, headings, hidden);
  const stages = stageHeadings.length >= 2 ? stageHeadings.map((h, i) => readStage(lines, hidden, h, stageEnd(headings, h, lines.length, stageHeadings[i + 1]))) : checklistStages(lines, checklist);
  if (stages.length < 2) return undefined;
  const criteria = readCriteria(lines, headings, hidden, stages[0]?.line ?? lines.length);
  return {
    title: headings.find((h) => h.level === 1)?.title ?? headings[0]?.title ?? 'Release plan',
    stages,
    checklist,
    ...criteria,
    flipperFeature: flipperFeature(lines, hidden),
    eol,
  };
}

function findStageHeadings(lines: readonly string[], headings: readonly Heading[], hidden: ReadonlySet<number>): Heading[] {
  const named = headings.filter((h) => STAGE_HEADING.test(h.title));
  if (named.length >= 2) return named;
  // Without "Stage X" names, headings that state a percentage or a canary/launch, in a plan that speaks of percentages of users.
  const speaksOfUsers = lines.some((l, i) => !hidden.has(i) && /percentage of users/i.test(l));
  return speaksOfUsers ? headings.filter((h) => firstPercentage(h.title) !== undefined || CANARY_OR_LAUNCH.test(h.title)) : [];
}

/** The next heading at the stage's level or above, or the next stage's heading, whichever comes first. */
function stageEnd(headings: readonly Heading[], stage: Heading, lineCount: number, next: Heading | undefined): number {
  const limit = Math.min(next?.line ?? lineCount, lineCount);
  // From the first heading after the stage's (headings are in line order), not from the first: linear over many stages.
  let low = 0;
  let high = headings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((headings[mid]?.line ?? lineCount) <= stage.line) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < headings.length; i++) {
    const h = headings[i];
    if (!h || h.line >= limit) break;
    if (h.level <= stage.level) return h.line;
  }
  return limit;
}

function readStage(lines: readonly string[], hidden: ReadonlySet<number>, heading: Heading, end: number): RolloutStage {
  let date: PlanField | undefined;
  let length: PlanField | undefined;
  let tracking: PlanField | undefined;
  let flipper: PlanField | undefined;
  let percentageField: PlanField | undefined;
  let resultsLine: number | undefined;
  let resultsIndent: number | undefined;
  const results: PlanField[] = [];
  const rollbacks: StageRollback[] = [];
  let rollback: { line: number; last: number; reason: string; indent: number; date: Date | undefined } | undefined;
  const closeRollback = () => {
    if (rollback) rollbacks.push({ line: rollback.line, reason: rollback.reason, date: rollback.date });
    rollback = undefined;
  };
  for (let i = heading.line + 1; i < end; i++) {
    if (hidden.has(i)) continue;
    const text = lines[i] ?? '';
    if (!text.trim()) continue;
    if (/^ {0,3}#/.test(text)) {
      closeRollback();
      resultsLine = /^ {0,3}#{1,6}\s+results\b/i.test(text) ? i : undefined;
      resultsIndent = undefined;
      continue;
    }
    const field = readField(text, i);
    // The block's lines follow its "Rollback reason:" without a blank line, indented or not (as pasted).
    if (rollback && (indentation(text) > rollback.indent || (!field?.bullet && i === rollback.last + 1))) {
      rollback.last = i;
      if (field && /^date$/i.test(field.label)) rollback.date = parseStageDate(field.value);
      continue;
    }
    closeRollback();
    if (!field) continue;
    if (/^rollback reason$/i.test(field.label)) {
      rollback = { line: i, last: i, reason: field.value, indent: field.indent, date: undefined };
      continue;
    }
    if (resultsLine !== undefined && field.bullet) {
      resultsIndent ??= field.indent;
      if (field.indent === resultsIndent) results.push(field);
      continue;
    }
    if (/^date$/i.test(field.label)) date ??= field;
    else if (/^(?:length(?: of time)?|timebox|duration)\b/i.test(field.label)) length ??= field;
    else if (/^percentage\b/i.test(field.label)) percentageField ??= field;
    else if (/^flipper$/i.test(field.label)) flipper ??= field;
    else if (/track|issue|ticket/i.test(field.label) && /^https?:\/\//i.test(field.value)) tracking ??= field;
  }
  closeRollback();
  const audience = percentageField?.value ?? '';
  const percentage = firstPercentage(audience) ?? firstPercentage(heading.title);
  return {
    name: heading.title,
    line: heading.line,
    end,
    percentage,
    targeted: percentage === undefined && /target|internal|canary/i.test(`${audience} ${heading.title}`),
    date,
    startedAt: date && parseStageDate(date.value),
    length,
    lengthMs: length && parseStageLength(length.value),
    tracking,
    trackingIssue: tracking && trackingIssue(tracking.value),
    flipper,
    resultsLine,
    results,
    rollbacks,
  };
}

/** The `[ ] 5%` boxes of the plan: a box whose text is a percentage (and perhaps when it started). */
function percentageBoxes(lines: readonly string[], hidden: ReadonlySet<number>): PercentageBox[] {
  const boxes: PercentageBox[] = [];
  lines.forEach((text, line) => {
    if (hidden.has(line)) return;
    const box = readCheckLine(text);
    const percentage = box && leadingPercentage(box.text);
    if (box && percentage !== undefined && /^[\d.\s]*%\s*(?:$|[-–—:(]|started\b)/i.test(box.text)) boxes.push({ line, mark: box.mark, checked: box.checked, percentage });
  });
  return boxes;
}

/**
 * A plan with only the percentage checklist: each box is a stage. Its start is written on its own line
 * (`[x] 5% (started 2026-12-02 14:05 UTC)`), so the same reading of dates applies.
 */
function checklistStages(lines: readonly string[], boxes: readonly PercentageBox[]): RolloutStage[] {
  return boxes.map((box) => {
    const text = lines[box.line] ?? '';
    const started = /\(started\s+([^)]*)\)/i.exec(text);
    const valueStart = started ? (started.index ?? 0) + started[0].indexOf(started[1] ?? '') : text.trimEnd().length;
    const date: PlanField | undefined = started ? { label: 'started', value: started[1] ?? '', line: box.line, valueStart, valueEnd: valueStart + (started[1]?.length ?? 0), indent: indentation(text), bullet: false } : undefined;
    return {
      name: `${box.percentage}%`,
      line: box.line,
      end: box.line + 1,
      percentage: box.percentage,
      targeted: false,
      date,
      startedAt: date && box.checked ? parseStageDate(date.value) : undefined,
      length: undefined,
      lengthMs: undefined,
      tracking: undefined,
      trackingIssue: undefined,
      flipper: undefined,
      resultsLine: undefined,
      results: [],
      rollbacks: [],
    };
  });
}

function flipperFeature(lines: readonly string[], hidden: ReadonlySet<number>): string | undefined {
  const fromFrontMatter = frontMatterFeature(lines);
  if (fromFrontMatter) return fromFrontMatter;
  for (let i = 0; i < lines.length; i++) {
    if (hidden.has(i)) continue;
    const field = readField(lines[i] ?? '', i);
    if (field && /^flipper (?:feature|flag|toggle)$/i.test(field.label)) {
      const name = FEATURE_NAME.exec(field.value.trim());
      if (name?.[1]) return name[1];
    }
  }
  return undefined;
}

const FEATURE_NAME = /^`?([\w.:/-]{1,200})`?$/;

/** `flipper:` in the plan's YAML front matter; front matter that is not YAML names no feature. */
function frontMatterFeature(lines: readonly string[]): string | undefined {
  if (lines[0] !== '---') return undefined;
  const close = lines.findIndex((l, i) => i > 0 && (l === '---' || l === '...'));
  if (close < 0) return undefined;
  try {
    const data: unknown = yaml().parse(lines.slice(1, close).join('\n'));
    const value = data && typeof data === 'object' ? (data as Record<string, unknown>).flipper : undefined;
    return typeof value === 'string' ? FEATURE_NAME.exec(value.trim())?.[1] : undefined;
  } catch {
    return undefined;
  }
}
