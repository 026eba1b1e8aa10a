// The tables the fake knows and what their columns are: `task` and the classes that extend it (incident,
// sc_task), and the two tables their references point at (sys_user, sys_user_group). Column names, the choice
// values and their labels are the base system's (Table API examples of c_TableAPI.md in ServiceNow/ServiceNowDocs;
// the incident states of "Life cycle of an Incident", whose Resolved the seed runbook's queue queries as 6).

export interface TableSchema {
  readonly label: string;
  /** The table it extends; its columns come first. */
  readonly parent?: string;
  readonly columns: readonly string[];
  /** Its choice columns: value → label. A child's list replaces its parent's. */
  readonly choices?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The states in which a record is no longer active (the base system's "mark closed" business rules). */
  readonly inactiveStates?: readonly string[];
  /** The state whose setting stamps `resolved_at`. */
  readonly resolvedState?: string;
}

const PRIORITY = { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' };
const TASK_STATE = { '-5': 'Pending', '1': 'Open', '2': 'Work in Progress', '3': 'Closed Complete', '4': 'Closed Incomplete', '7': 'Closed Skipped' };
/** A Resolved incident is still active: only Closed and Canceled end it, which is why queues also say `state!=6`. */
const INCIDENT_STATE = { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' };

export const TABLES: Readonly<Record<string, TableSchema>> = {
  task: {
    label: 'Task',
    columns: [
      'sys_id', 'number', 'short_description', 'description', 'state', 'priority', 'active', 'opened_at', 'opened_by',
      'assigned_to', 'assignment_group', 'work_notes', 'comments', 'close_notes', 'closed_at', 'sys_class_name',
      'sys_created_on', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count',
    ],
    choices: { state: TASK_STATE, priority: PRIORITY },
    inactiveStates: ['3', '4', '7'],
  },
  incident: {
    label: 'Incident',
    parent: 'task',
    columns: ['caller_id', 'category', 'close_code', 'resolved_at', 'resolved_by'],
    choices: { state: INCIDENT_STATE },
    inactiveStates: ['7', '8'],
    resolvedState: '6',
  },
  sc_task: { label: 'Catalog Task', parent: 'task', columns: [] },
  sys_user: { label: 'User', columns: ['sys_id', 'user_name', 'name', 'email', 'sys_class_name'] },
  sys_user_group: { label: 'Group', columns: ['sys_id', 'name', 'description', 'sys_class_name'] },
};

/** Reference columns and the table each points at; its display value is that record's `name`. */
export const REFERENCES: Readonly<Record<string, string>> = {
  opened_by: 'sys_user',
  assigned_to: 'sys_user',
  caller_id: 'sys_user',
  resolved_by: 'sys_user',
  assignment_group: 'sys_user_group',
};

/** Date-time columns: stored in UTC, displayed in the caller's time zone. */
export const DATE_TIMES: ReadonlySet<string> = new Set(['opened_at', 'closed_at', 'resolved_at', 'sys_created_on', 'sys_updated_on']);

/** Journal columns: a write appends a sys_journal_field entry and the column itself always reads back empty. */
export const JOURNALS: ReadonlySet<string> = new Set(['work_notes', 'comments']);

/** The table and the tables it extends, itself first. */
export function lineage(table: string): string[] {
  const chain: string[] = [];
  for (let t: string | undefined = table; t !== undefined && TABLES[t]; t = TABLES[t]?.parent) chain.push(t);
  return chain;
}

export function columnsOf(table: string): string[] {
  return lineage(table).reverse().flatMap((t) => TABLES[t]?.columns ?? []);
}

/** A record of class `recordClass` is a row of `table` when it is that table or extends it. */
export function belongsTo(recordClass: string, table: string): boolean {
  return lineage(recordClass).includes(table);
}

/** The labels of a choice column for a record of this class; undefined when the column is not a choice. */
export function choicesOf(recordClass: string, column: string): Readonly<Record<string, string>> | undefined {
  return lineage(recordClass).map((t) => TABLES[t]?.choices?.[column]).find((c) => c !== undefined);
}

/** ServiceNow's stored date-time format: `YYYY-MM-DD HH:mm:ss`, UTC. */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The nearest definition of a table property along the class's lineage. */
export function nearest<K extends keyof TableSchema>(recordClass: string, key: K): TableSchema[K] | undefined {
  return lineage(recordClass).map((t) => TABLES[t]?.[key]).find((v) => v !== undefined);
}
