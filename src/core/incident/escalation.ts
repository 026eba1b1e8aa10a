import { type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';
import { formatTime } from '../time/formatTime';

export interface EscalationTimer {
  /** The step's text, as the notification names it. */
  readonly step: string;
  readonly line: number;
  /** Minutes after the incident's start. */
  readonly minutes: number;
  /** The runbook left the time open ("[Timeframe, e.g., 15 minutes]") and its example is used. */
  readonly fromExample?: string;
}

const ESCALATION = /escalat/i;
const ON_CALL = /on-?call/i;
// In on-call sections only durations that bound an attempt count: "for 15 minutes", "after 30 minutes",
// "within 1 hour"; not a window around an event ("on call for 1 hour before and 1 hour after").
// A placeholder ("for [Timeframe, e.g., 15 minutes]") is one line with no bracket inside and a short
// length, as the parser finds them: an unclosed "for [" then costs a few characters, not the rest of the text.
const BOUNDING = /\b(?:for|after|within)\s+(?:\[[^[\]\n]{0,200}\]|\d+(?:\.\d+)?\s*[a-z]+\b)(?!\s+(?:before|prior))/i;

/** Timers from the durations in escalation steps (and bounding durations in on-call steps), soonest first. */
export function escalationTimers(runbook: Runbook): EscalationTimer[] {
  const timers: EscalationTimer[] = [];
  const seen = new Set<RunbookNode>();
  for (const section of [...walk(runbook.children)].filter((n): n is SectionNode => n.kind === 'section')) {
    const escalation = ESCALATION.test(section.title);
    if (!escalation && !ON_CALL.test(section.title)) continue;
    for (const node of walk(section.children)) {
      if ((node.kind !== 'step' && node.kind !== 'checklist') || seen.has(node)) continue;
      if (!escalation && !BOUNDING.test(node.text)) continue;
      seen.add(node);
      const example = node.placeholders.find((p) => p.example);
      const duration = node.durations.find((d) => !example || d.text !== example.example?.text) ?? node.durations[0];
      if (example?.example && (!duration || duration.text === example.example.text)) {
        timers.push({ step: node.text, line: node.range.start, minutes: example.example.minutes, fromExample: example.text });
      } else if (duration && duration.minutes > 0) {
        timers.push({ step: node.text, line: node.range.start, minutes: duration.minutes });
      }
    }
  }
  return timers.sort((a, b) => a.minutes - b.minutes);
}

/** A timer placed on the clock: when it falls due for an incident's start. */
export interface DueTimer extends EscalationTimer {
  readonly dueAt: Date;
}

/** When each timer falls due for an incident that started at `startedAt`. */
export function dueTimers(timers: readonly EscalationTimer[], startedAt: Date): DueTimer[] {
  return timers.map((t) => ({ ...t, dueAt: new Date(startedAt.getTime() + t.minutes * 60_000) }));
}

/** Timers already due at `now` (overdue, when the start was backdated) and those still ahead, soonest first. */
export function splitDue(timers: readonly DueTimer[], now: Date): { due: DueTimer[]; ahead: DueTimer[] } {
  const sorted = [...timers].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { due: sorted.filter((t) => t.dueAt.getTime() <= now.getTime()), ahead: sorted.filter((t) => t.dueAt.getTime() > now.getTime()) };
}

/** A timer is overdue once it was due more than a minute ago: it fell due before anyone could be told. */
export function isOverdue(timer: DueTimer, now: Date): boolean {
  return timer.dueAt.getTime() < now.getTime() - 60_000;
}

/**
 * The text of the one notification for timers that fall due together: a step of
 * its own, or a summary of several (a backdated start makes every elapsed step due
 * at once). A placeholder is quoted once: the step's text already shows it.
 */
export function escalationMessage(timers: readonly DueTimer[], options: { readonly now: Date; readonly timeZone?: string }): string {
  const note = (t: DueTimer) => {
    if (!t.fromExample) return '';
    const quoted = t.step.includes(t.fromExample) ? '' : ` (${t.fromExample})`;
    return `the runbook leaves the time open${quoted}; its example, ${t.minutes} minutes, is used`;
  };
  const [only] = timers;
  if (timers.length === 1 && only) {
    const when = `${isOverdue(only, options.now) ? 'overdue since' : 'due at'} ${formatTime(only.dueAt, options)}`;
    const extra = note(only);
    return `Escalation step ${when} (${only.minutes} minutes after the start): ${only.step}${extra ? ` ${extra.charAt(0).toUpperCase()}${extra.slice(1)}.` : ''}`;
  }
  const items = timers.map((t) => {
    const extra = note(t);
    return `${formatTime(t.dueAt, options)}: "${t.step}"${extra ? ` (${extra})` : ''}`;
  });
  return `${timers.length} escalation steps are ${timers.some((t) => isOverdue(t, options.now)) ? 'overdue' : 'due'}. ${items.join('; ')}`;
}

/** A row of the Incident view's Escalation group. */
export interface EscalationRow {
  readonly step: string;
  readonly line: number;
  /** The due time first, so a narrow side bar keeps it: "11:20 CET · overdue" or "14:05 CET". */
  readonly label: string;
  readonly overdue: boolean;
}

/** The Incident view's escalation rows, soonest first: overdue as the notification says it (`isOverdue`). */
export function escalationRows(timers: readonly DueTimer[], options: { readonly now: Date; readonly timeZone?: string }): EscalationRow[] {
  return [...timers]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((t) => {
      const overdue = isOverdue(t, options.now);
      return { step: t.step, line: t.line, overdue, label: `${formatTime(t.dueAt, options)}${overdue ? ' · overdue' : ''}` };
    });
}
