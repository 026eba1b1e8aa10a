import { type IncidentState, formatElapsed, minutesBetween } from './incident';
import { RECORD_SECTIONS } from './recordSections';
import { findSection, isPlaceholderLine, recordTime, renderTemplate, templateValues } from './incidentDocument';

export const DEFAULT_POSTMORTEM = `# Post-mortem: {{title}}

- Incident record: {{id}}
- Severity: {{severity}}
- Started: {{startedAt}}
- Resolved: {{resolvedAt}}
- Duration: {{duration}}
- Impact: {{impact}} ({{affected}})
- Systems: {{systems}}

## Summary
{{summary}}

## Timeline
{{timeline}}

## Root cause

## What went well

## What went wrong

## Post-incident checklist
{{postIncident}}

## Action items
- [ ] 
`;

/** The post-mortem's file name, beside the record; a second one gets `-2` (see nextFreeName). */
export function postmortemFileName(incidentId: string): string {
  return `${incidentId}-postmortem.md`;
}

const POSTMORTEM_NAME = /-postmortem(?:-\d+)?\.md$/;

/** A post-mortem beside the records (`<id>-postmortem.md`, `<id>-postmortem-2.md`…), not a record. */
export function isPostmortemFileName(name: string): boolean {
  return POSTMORTEM_NAME.test(name);
}

/** The text of a record's section (trimmed), without italic placeholder lines such as "_Leave blank…_". */
export function sectionText(text: string, heading: RegExp): string {
  const section = findSection(text, heading);
  if (!section) return '';
  const lines = text.split(/\n/).slice(section.heading + 1, section.end).map((l) => l.replace(/\r$/, ''));
  return lines.filter((l) => !isPlaceholderLine(l.trim())).join('\n').trim();
}

/** The post-mortem, from the resolved record: its summary, impact, timeline and post-incident checklist. */
export function renderPostmortem(template: string, state: IncidentState, recordText: string, now: Date, timeZone?: string): { ok: true; text: string } | { ok: false; message: string } {
  const resolvedAt = state.resolvedAt ?? now.toISOString();
  return renderTemplate(template, {
    ...templateValues(state, timeZone),
    resolvedAt: recordTime(resolvedAt, timeZone),
    duration: formatElapsed(minutesBetween(state.startedAt, new Date(resolvedAt))),
    summary: sectionText(recordText, RECORD_SECTIONS.summary.heading),
    timeline: sectionText(recordText, RECORD_SECTIONS.timeline.heading),
    postIncident: sectionText(recordText, RECORD_SECTIONS.postIncident.heading),
  });
}
