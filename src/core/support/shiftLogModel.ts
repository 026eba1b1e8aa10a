export interface ShiftLogCheck {
  readonly id: string;
  /** The check as the log shows it: its group path (below the subheading) and text, "Slack channels › #x › Ensure …". */
  readonly text: string;
  readonly done: boolean;
  /** "09:12 CET", as written. */
  readonly doneAt?: string;
  /** The shift's own notes. */
  readonly notes: readonly string[];
  readonly planNotes: readonly string[];
  /** 0-based line in the log. */
  readonly line: number;
}

export interface ShiftLogTicket {
  readonly number: string;
  readonly shortDescription: string;
  readonly issueUrl?: string;
  readonly issueRef?: string;
  readonly resolved?: boolean;
  readonly line: number;
}

export interface ShiftLog {
  readonly planPath: string;
  readonly engineer: string;
  readonly started: string;
  readonly ended?: string;
  readonly checks: readonly ShiftLogCheck[];
  readonly tickets: readonly ShiftLogTicket[];
  readonly incidents: readonly { readonly title: string; readonly path: string }[];
  readonly handOff?: string;
}

export type ReadShiftLog = { readonly ok: true; readonly log: ShiftLog } | { readonly ok: false; readonly error: string };

/** The log's sections, as level-2 headings, in the order a new log has them. */
export const SECTIONS = { checks: 'Checks', tickets: 'Tickets', incidents: 'Incidents', handOff: 'Hand-off' } as const;
export type SectionKey = keyof typeof SECTIONS;

export const LOG_TYPE = 'support-shift';
