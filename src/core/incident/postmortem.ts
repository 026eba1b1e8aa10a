import { type IncidentState } from './incident';
import { fillTemplate, type FillResult, incidentFields } from '../templates/fillTemplate';
import { RECORD_SECTIONS, type RecordSectionKey } from './recordSections';
import { findSection, isPlaceholderLine } from './incidentDocument';

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

/**
 * The post-mortem, from the resolved record: the team's template (or the built-in one) with its
 * fields filled (dates, duration, severity, roles, impact) and the record's summary, timeline,
 * recent changes and post-incident checklist where the template has a place for them.
 */
export function renderPostmortem(template: string, state: IncidentState, recordText: string, now: Date, options: { readonly timeZone?: string; readonly name?: string } = {}): FillResult {
  const closed = state.resolvedAt ? state : { ...state, resolvedAt: now.toISOString() };
  const section = (key: RecordSectionKey) => sectionText(recordText, RECORD_SECTIONS[key].heading).split('\n').filter((line) => line.trim() !== '');
  return fillTemplate(template, incidentFields(closed, options.timeZone), {
    kind: 'postmortem',
    name: options.name ?? 'built-in post-mortem template',
    sections: { summary: section('summary'), timeline: section('timeline'), recentChanges: section('recentChanges'), postIncident: section('postIncident') },
  });
}
