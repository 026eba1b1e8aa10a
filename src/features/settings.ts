import * as vscode from 'vscode';

export const CONFIG_SECTION = 'runbook';

export interface ConfiguredDashboardLink {
  readonly label?: string;
  readonly url?: string;
}

/** The `runbook.*` settings as one folder sees them. Defaults live in package.json only. */
export interface FolderSettings {
  readonly files: readonly string[];
  readonly incidentsFolder: string;
  readonly traceabilityTemplate: string;
  readonly postmortemTemplate: string;
  readonly dashboardLinks: readonly ConfiguredDashboardLink[];
  readonly dashboardPaddingMinutes: number;
  readonly githubRepositories: readonly string[];
  /** `owner/name` where follow-up issues go when the runbook links no issue template. */
  readonly followUpsRepository: string;
  readonly githubAuthors: readonly string[];
  readonly githubLookbackHours: number;
  /** A PR merged at most this many hours before the incident's start is a suspect. */
  readonly githubSuspectHours: number;
  /** Labels that make a merged PR a suspect. */
  readonly githubRiskyLabels: readonly string[];
  readonly systems: readonly string[];
  /** Whether actions write their own timeline entries (status, severity, roles, steps, notifications, changes, dashboards). */
  readonly timelineAutomaticEntries: boolean;
  /** Workspace-relative folder of the support shift logs. */
  readonly supportFolder: string;
}

/** Settings that decide where a secret goes: only the user's own value (or the default) counts. */
export interface UserOnlySettings {
  readonly githubBaseUrl: string;
  readonly slackApiUrl: string;
  readonly pagerDutyApiUrl: string;
  /** The requester's PagerDuty email, sent as the `From` header of a page. */
  readonly pagerDutyFromEmail: string;
  /** The app's mounted Flipper API; empty: not configured (Flipper has no vendor host). */
  readonly flipperApiUrl: string;
  /** The ServiceNow instances credentials may be sent to: host names, or `{ instance, apiUrl }` to reach one through another address. */
  readonly serviceNowInstances: readonly unknown[];
}

/**
 * Resource-scoped settings for the folder that holds `scope` (a runbook, a record, a folder):
 * in a multi-root workspace each folder keeps its own values. Without a scope, the window's.
 */
export function folderSettings(scope: vscode.Uri | vscode.WorkspaceFolder | undefined): FolderSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return {
    get files() { return read(config, 'files', isStringList); },
    get incidentsFolder() { return read(config, 'incidentsFolder', isString); },
    get traceabilityTemplate() { return read(config, 'traceabilityTemplate', isString); },
    get postmortemTemplate() { return read(config, 'postmortemTemplate', isString); },
    get dashboardLinks() { return read(config, 'dashboards.links', isList).filter((l): l is ConfiguredDashboardLink => typeof l === 'object' && l !== null); },
    get dashboardPaddingMinutes() { return read(config, 'dashboards.paddingMinutes', isNumber); },
    get githubRepositories() { return read(config, 'github.repositories', isStringList); },
    get followUpsRepository() { return read(config, 'followUps.repository', isString); },
    get githubAuthors() { return read(config, 'github.authors', isStringList); },
    get githubLookbackHours() { return read(config, 'github.lookbackHours', isNumber); },
    get githubSuspectHours() { return read(config, 'github.suspectHours', isNumber); },
    get githubRiskyLabels() { return read(config, 'github.riskyLabels', isStringList); },
    get systems() { return read(config, 'systems', isList).filter(isString); },
    get timelineAutomaticEntries() { return read(config, 'timeline.automaticEntries', isBoolean); },
    get supportFolder() { return read(config, 'support.folder', isString); },
  };
}

export function userOnlySettings(): UserOnlySettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    get githubBaseUrl() { return userValue(config, 'github.baseUrl', isString).trim(); },
    get slackApiUrl() { return userValue(config, 'slack.apiUrl', isString).trim(); },
    get pagerDutyApiUrl() { return userValue(config, 'pagerduty.apiUrl', isString).trim(); },
    get pagerDutyFromEmail() { return userValue(config, 'pagerduty.fromEmail', isString).trim(); },
    get flipperApiUrl() { return userValue(config, 'flipper.apiUrl', isString).trim(); },
    get serviceNowInstances() { return userValue(config, 'servicenow.instances', isList); },
  };
}

/** Whether a configuration change touches any of this extension's settings named here. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${CONFIG_SECTION}.${key}`));
}

type Check<T> = (value: unknown) => value is T;
const isString: Check<string> = (value): value is string => typeof value === 'string';
const isNumber: Check<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check<boolean> = (value): value is boolean => typeof value === 'boolean';
const isList: Check<readonly unknown[]> = (value): value is readonly unknown[] => Array.isArray(value);
const isStringList: Check<readonly string[]> = (value): value is readonly string[] => Array.isArray(value) && value.every(isString);

/**
 * The effective value when it has the declared type, else the manifest's default: a hand-edited
 * settings.json can hold anything ("24" for a number, a string for a list).
 */
function read<T>(config: vscode.WorkspaceConfiguration, key: string, check: Check<T>): T {
  const value = config.get<unknown>(key);
  return check(value) ? value : manifestDefault(config, key, check);
}

/** The user's (or machine's) value, ignoring any workspace or folder value, else (or when of the wrong type) the manifest's default. */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, check: Check<T>): T {
  const value = config.inspect<unknown>(key)?.globalValue;
  return check(value) ? value : manifestDefault(config, key, check);
}

function manifestDefault<T>(config: vscode.WorkspaceConfiguration, key: string, check: Check<T>): T {
  const value = config.inspect<unknown>(key)?.defaultValue;
  // package.json declares a default of the right type for every key read here, so only a missing or mistyped declaration lands here.
  if (!check(value)) throw new Error(`${CONFIG_SECTION}.${key} has no default of its type in package.json.`);
  return value;
}
