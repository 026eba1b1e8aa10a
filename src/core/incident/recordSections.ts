/** A section of the record every capability writes to: its own heading, and how to find it under a team template's name for it. */
export interface RecordSection {
  /** The heading the extension writes when the record has no such section. */
  readonly name: string;
  /** Matches the heading's text (emoji, numbering and a trailing colon allowed). */
  readonly heading: RegExp;
}

/**
 * The names a team's template may give each section (the synonym table). A heading's leading
 * emoji or numbering ("📅 Timeline", "2. Timeline") and a trailing colon do not matter.
 */
const SYNONYMS = {
  summary: ['Summary', 'Summary of the incident', 'Incident summary', 'Overview'],
  timeline: ['Timeline', 'Timeline of events', 'Chronology', 'Incident timeline'],
  recentChanges: ['Recent Changes', 'Changes', 'Deployments', 'Related PRs', 'Related pull requests', 'Recent deployments'],
  dashboards: ['Dashboards', 'Monitoring', 'Graphs'],
  debugging: ['Debugging Details', 'Investigation', 'Investigation log', 'Hypotheses', 'Traceability', 'Debugging'],
  postIncident: ['Post-incident', 'Post incident', 'Postincident', 'Follow-ups', 'Follow ups', 'Followups', 'Action items', 'Next steps'],
} as const;

export type RecordSectionKey = keyof typeof SYNONYMS;

/** A section found by any of `names` (its first is the heading written when the record has none). */
export function recordSection(names: readonly string[]): RecordSection {
  const alternatives = names.map((n) => n.toLowerCase().replace(/[-\s]/g, (c) => (c === '-' ? '-' : '\\s+'))).join('|');
  // Linear: one optional run of non-letters, then fixed alternatives.
  return { name: names[0] as string, heading: new RegExp(`^[^\\p{L}]*(?:${alternatives})\\s*:?$`, 'iu') };
}

export const RECORD_SECTIONS: Readonly<Record<RecordSectionKey, RecordSection>> = {
  summary: recordSection(SYNONYMS.summary),
  timeline: recordSection(SYNONYMS.timeline),
  recentChanges: recordSection(SYNONYMS.recentChanges),
  dashboards: recordSection(SYNONYMS.dashboards),
  debugging: recordSection(SYNONYMS.debugging),
  postIncident: recordSection(SYNONYMS.postIncident),
};

export const RECORD_SECTION_KEYS = Object.keys(SYNONYMS) as RecordSectionKey[];
