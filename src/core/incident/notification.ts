import { type CodeBlockNode, type LinkNode, type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';
import { clip } from '../text';
import { formatSpan, formatTime } from '../time/formatTime';
import { formatElapsed, type IncidentState, type IncidentStatus, minutesBetween, STATUS_LABELS } from './incident';
import type { NotificationVariant } from './notificationVariant';

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
  /** Each mark left in the text, with the name of the field it stands for. */
  readonly marks: readonly { readonly mark: string; readonly name: string }[];
}

/** Marks a field the incident could not fill, so nobody posts it by accident. */
export const unfilledMark = (name: string) => `⟦${name}?⟧`;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  latest: 'Latest news',
  impact: 'Impact',
  affected: 'Affected users',
  duration: 'Duration',
  minutes: 'Duration',
  systems: 'Systems',
  errortypes: 'Error types',
  title: 'Title',
  severity: 'Severity',
  coordinator: 'Coordinator',
  technicallead: 'Technical lead',
  start: 'Start',
  startedat: 'Start',
};

/** How a field still to fill in is named to a person: "Affected users"; a template's own placeholder keeps its name. */
export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? name;
}

/**
 * Fills a notification template from the incident, recognising the styles real
 * runbooks use: `xx%` (with an optional "(or explicit #)"), "X minutes",
 * "System A, System B", `<TITLE>` and `{{title}}`.
 */
export function fillNotification(template: string, incident: IncidentState, now: Date): FilledNotification {
  const filled: string[] = [];
  const unfilled: string[] = [];
  const marks: { mark: string; name: string }[] = [];
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
    const mark = unfilledMark(original);
    marks.push({ mark, name });
    return mark;
  };
  const text = template
    .replace(/\b[xX]{2}\s?%(?:\s*\(or explicit #\))?/g, (m) => use('affected', incident.affected, m))
    .replace(/\bX(\s+)(minutes?|mins?)\b/g, (_, space: string, unit: string) => use('duration', String(minutes), 'X') + space + unit)
    .replace(/\bSystem A(?:,\s*System [B-Z])*\b/g, (m) => use('systems', named.systems, m))
    .replace(/\{\{\s*([\w.-]+)\s*\}\}|<([A-Z][A-Z0-9 _-]*)>/g, (m, curly: string | undefined, angle: string | undefined) => {
      const name = (curly ?? angle ?? '').toLowerCase().replace(/[\s_.-]/g, '');
      return use(name, Object.hasOwn(named, name) ? named[name] : undefined, m);
    });
  return { text, filled, unfilled, marks };
}

/** What an update asks the person to say, by stage: what changed since the last message. */
const LATEST: Readonly<Record<IncidentStatus, string>> = {
  investigating: 'what was checked, what is tried next',
  identified: 'the cause, and the fix under way',
  monitoring: 'the fix applied, and what is watched',
  resolved: 'what fixed it',
  declined: 'why it is not an incident',
};

/**
 * A follow-up for the incident's thread, carrying the current stage:
 * "Update — Identified (45m in): Checkout 500s", what changed (left for the person, marked),
 * the impact and the systems. Short: the first message already said the rest.
 */
export function updateNotification(incident: IncidentState, now: Date): FilledNotification {
  const filled: string[] = ['status'];
  const unfilled: string[] = [];
  const marks: { mark: string; name: string }[] = [];
  const ask = (name: string, prompt: string) => {
    const mark = unfilledMark(prompt);
    unfilled.push(name);
    marks.push({ mark, name });
    return mark;
  };
  const affected = incident.affected ? `${incident.affected} affected` : '';
  const impact = [incident.impact, affected].filter(Boolean).join(', ');
  if (impact) filled.push('impact');
  if (incident.systems.length) filled.push('systems');
  const lines = [
    `Update — ${STATUS_LABELS[incident.status]} (${formatElapsed(minutesBetween(incident.startedAt, now))} in): ${incident.title}`,
    `Latest: ${ask('latest', LATEST[incident.status])}`,
    `Impact: ${impact || ask('impact', 'who is affected, how')}`,
    ...(incident.systems.length ? [`Systems: ${incident.systems.join(', ')}`] : []),
    'Next update in this thread.',
  ];
  return { text: lines.join('\n'), filled, unfilled, marks };
}

const ENTRY_HEADLINE_MAX = 80;

/**
 * The timeline entry that records a copied message: "Notification copied: <its first line>"
 * ("Update copied: …"). The first line that says something: blank lines and lines of
 * @mentions only ("@oncall @support") are skipped.
 */
export function copiedEntryText(text: string, variant: NotificationVariant): string {
  const headline = messageHeadline(text);
  const what = variant === 'update' ? 'Update copied' : 'Notification copied';
  return headline ? `${what}: ${clip(headline, ENTRY_HEADLINE_MAX)}` : what;
}

/**
 * A message's first line that says something, whitespace collapsed: blank lines and lines of mentions
 * only are skipped ("@oncall @support", "@kay @Kristen McConnell @Mark Dewey": a mention's name is
 * capitalised words after its @); undefined when there is none.
 */
export function messageHeadline(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line && !isMentionLine(line));
}

function isMentionLine(line: string): boolean {
  if (!line.startsWith('@')) return false;
  let wordsOfName = 0;
  for (const word of line.split(/[\s,]+/)) {
    if (!word) continue;
    if (word.startsWith('@')) wordsOfName = 1;
    else if (/^\p{Lu}[\p{L}'’-]*$/u.test(word) && wordsOfName > 0 && wordsOfName < 4) wordsOfName++;
    else return false;
  }
  return true;
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

/** The message of a variant: the first one from the runbook's template (none without a template), an update from the incident alone. */
export function composeNotification(variant: NotificationVariant, template: string | undefined, incident: IncidentState, now: Date): FilledNotification | undefined {
  if (variant === 'update') return updateNotification(incident, now);
  return template === undefined ? undefined : fillNotification(template, incident, now);
}
