import { linkDestination } from '../markdownLinks';
import { formatDate } from '../time/formatTime';
import { slug } from './checkIds';
import { inlineMarkdown } from './markdownEscape';
import { newFrontMatter } from './shiftFrontMatter';
import { SECTIONS } from './shiftLogModel';
import { checkLine, planNoteLine } from './shiftLogLines';
import type { ShiftCheck } from './supportPlan';

export type { ReadShiftLog, ShiftLog, ShiftLogCheck, ShiftLogTicket } from './shiftLogModel';
export { isShiftLog, readShiftLog } from './shiftLogRead';
export { addCheckNoteEdits, addIncidentEdits, addTicketEdits, markTicketResolvedEdits, tickCheckEdits } from './shiftLogEdits';

export interface ShiftStart {
  /** Workspace-relative, forward slashes. */
  readonly planPath: string;
  readonly planTitle: string;
  /** A relative link from the log to the plan. */
  readonly planLinkFromLog: string;
  readonly engineer: string;
  readonly started: Date;
  readonly checks: readonly ShiftCheck[];
  readonly timeZone?: string;
}

/** "2026-12-02-sam-becker.md": the shift's day in the given zone and the engineer's name as ASCII ("shift" when nothing is left). */
export function shiftLogFileName(day: Date, engineer: string, timeZone?: string): string {
  return `${formatDate(day, timeZone)}-${slug(engineer) || 'shift'}.md`;
}

/** A new shift log: the plan's checks unticked, each with the plan's notes, under a subheading per top-level group. */
export function renderShiftLog(start: ShiftStart): string {
  const engineer = start.engineer.trim() || 'Unknown engineer';
  const lines = [
    `# Support shift · ${formatDate(start.started, start.timeZone)} · ${inlineMarkdown(engineer)}`,
    '',
    `Plan: [${inlineMarkdown(start.planTitle) || inlineMarkdown(start.planPath)}](${linkDestination(start.planLinkFromLog)})`,
    '',
    `## ${SECTIONS.checks}`,
  ];
  let heading: string | undefined;
  for (const check of start.checks) {
    const [top, ...rest] = check.group;
    if (top !== undefined && top !== heading) lines.push('', `### ${inlineMarkdown(top)}`);
    heading = top ?? heading;
    lines.push(checkLine('', [...rest, check.text].join(' › '), check.id, false));
    for (const note of check.notes) lines.push(planNoteLine('', note));
  }
  lines.push('', `## ${SECTIONS.tickets}`, '', `## ${SECTIONS.incidents}`, '', `## ${SECTIONS.handOff}`, '');
  return newFrontMatter({ plan: start.planPath, engineer, started: start.started.toISOString(), checks_total: start.checks.length }) + lines.join('\n');
}
