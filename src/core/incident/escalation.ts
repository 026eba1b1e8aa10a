import { type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';

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
const BOUNDING = /\b(?:for|after|within)\s+(?:\[[^\]]*\]|\d+(?:\.\d+)?\s*[a-z]+\b)(?!\s+(?:before|prior))/i;

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
