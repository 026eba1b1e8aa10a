import { type CodeBlockNode, type LinkNode, type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';
import { formatSpan, formatTime } from '../time/formatTime';
import { type IncidentState, minutesBetween } from './incident';

export interface NotificationTemplate {
  readonly text: string;
  readonly line: number;
  /** The channel link found in the same step or section, if any. */
  readonly channel?: LinkNode;
}

const NOTIFY_HEADING = /notif|communicat|announce|status update/i;

/** The code block of the Notify step (or under a Notify/Communicate heading), with the channel it names. */
export function findNotificationTemplate(runbook: Runbook): NotificationTemplate | undefined {
  for (const section of sections(runbook.children)) {
    if (!NOTIFY_HEADING.test(section.title)) continue;
    const nodes = [...walk(section.children)];
    const code = nodes.find((n): n is CodeBlockNode => n.kind === 'code');
    if (!code) continue;
    const channel = nodes.find((n): n is LinkNode => n.kind === 'link' && n.linkKind === 'slack-channel');
    return { text: code.text, line: code.range.start, ...(channel ? { channel } : {}) };
  }
  return undefined;
}

function sections(nodes: readonly RunbookNode[]): SectionNode[] {
  return [...walk(nodes)].filter((n): n is SectionNode => n.kind === 'section');
}

export interface FilledNotification {
  readonly text: string;
  readonly filled: readonly string[];
  /** Placeholders nothing could fill; they stay in the text, marked. */
  readonly unfilled: readonly string[];
}

/** Marks a field the incident could not fill, so nobody posts it by accident. */
export const unfilledMark = (name: string) => `⟦${name}?⟧`;

/**
 * Fills a notification template from the incident, recognising the styles real
 * runbooks use: `xx%` (with an optional "(or explicit #)"), "X minutes",
 * "System A, System B", `<TITLE>` and `{{title}}`.
 */
export function fillNotification(template: string, incident: IncidentState, now: Date): FilledNotification {
  const filled: string[] = [];
  const unfilled: string[] = [];
  const minutes = minutesBetween(incident.startedAt, now);
  const named: Record<string, string | undefined> = {
    title: incident.title,
    impact: incident.impact || undefined,
    affected: incident.affected,
    severity: `Sev ${incident.severity}`,
    systems: incident.systems.length ? incident.systems.join(', ') : undefined,
    errortypes: incident.errorTypes.length ? incident.errorTypes.join(', ') : undefined,
    coordinator: incident.roles.coordinator,
    technicallead: incident.roles.technicalLead,
    start: formatTime(new Date(incident.startedAt), { now }),
    startedat: formatTime(new Date(incident.startedAt), { now }),
    duration: `${minutes} minutes`,
    minutes: String(minutes),
  };
  const use = (name: string, value: string | undefined, original: string): string => {
    if (value) {
      filled.push(name);
      return value;
    }
    unfilled.push(name);
    return unfilledMark(original);
  };
  const text = template
    .replace(/\b[xX]{2}\s?%(?:\s*\(or explicit #\))?/g, (m) => use('affected', incident.affected, m))
    .replace(/\bX(\s+)(minutes?|mins?)\b/g, (_, space: string, unit: string) => use('duration', String(minutes), 'X') + space + unit)
    .replace(/\bSystem A(?:,\s*System [B-Z])*\b/g, (m) => use('systems', named.systems, m))
    .replace(/\{\{\s*([\w.-]+)\s*\}\}|<([A-Z][A-Z0-9 _-]*)>/g, (m, curly: string | undefined, angle: string | undefined) => {
      const name = (curly ?? angle ?? '').toLowerCase().replace(/[\s_.-]/g, '');
      return use(name, Object.hasOwn(named, name) ? named[name] : undefined, m);
    });
  return { text, filled, unfilled };
}

/** The "resolved" message offered when the incident is resolved. */
export function resolvedNotification(incident: IncidentState, summary: string, resolvedAt: Date, timeZone?: string): string {
  const minutes = minutesBetween(incident.startedAt, resolvedAt);
  return [
    `Resolved: ${incident.title}`,
    '',
    `The issue lasted ${minutes} minutes (${formatSpan(new Date(incident.startedAt), resolvedAt, { now: resolvedAt, ...(timeZone ? { timeZone } : {}) })}).`,
    ...(incident.systems.length ? [`Systems: ${incident.systems.join(', ')}`] : []),
    ...(summary ? [`Summary: ${summary}`] : []),
    '',
    'A follow-up will be posted in this thread.',
  ].join('\n');
}
