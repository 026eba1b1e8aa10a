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
  readonly githubAuthors: readonly string[];
  readonly githubLookbackHours: number;
  readonly systems: readonly string[];
}

/** Settings that decide where a secret goes: only the user's own value (or the default) counts. */
export interface UserOnlySettings {
  readonly githubBaseUrl: string;
}

/**
 * Resource-scoped settings for the folder that holds `scope` (a runbook, a record, a folder):
 * in a multi-root workspace each folder keeps its own values. Without a scope, the window's.
 */
export function folderSettings(scope: vscode.Uri | vscode.WorkspaceFolder | undefined): FolderSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const read = <T>(key: string): T => fromManifest<T>(config, key);
  return {
    get files() { return read<string[]>('files'); },
    get incidentsFolder() { return read<string>('incidentsFolder'); },
    get traceabilityTemplate() { return read<string>('traceabilityTemplate'); },
    get postmortemTemplate() { return read<string>('postmortemTemplate'); },
    get dashboardLinks() { return arrayOf<ConfiguredDashboardLink>(read('dashboards.links')); },
    get dashboardPaddingMinutes() { return read<number>('dashboards.paddingMinutes'); },
    get githubRepositories() { return arrayOf<string>(read('github.repositories')); },
    get githubAuthors() { return arrayOf<string>(read('github.authors')); },
    get githubLookbackHours() { return read<number>('github.lookbackHours'); },
    get systems() { return arrayOf<unknown>(read('systems')).filter((s): s is string => typeof s === 'string'); },
  };
}

export function userOnlySettings(): UserOnlySettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    get githubBaseUrl() { return userValue<string>(config, 'github.baseUrl').trim(); },
  };
}

/** Whether a configuration change touches any of this extension's settings named here. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${CONFIG_SECTION}.${key}`));
}

/** The user's (or machine's) value, ignoring any workspace or folder value, else the manifest's default. */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T {
  const inspected = config.inspect<T>(key);
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  if (value === undefined) throw new Error(`${CONFIG_SECTION}.${key} has no default in package.json.`);
  return value;
}

function fromManifest<T>(config: vscode.WorkspaceConfiguration, key: string): T {
  const value = config.get<T>(key);
  // package.json declares a default for every key, so only a missing declaration lands here.
  if (value === undefined) throw new Error(`${CONFIG_SECTION}.${key} has no default in package.json.`);
  return value;
}

/** A hand-edited settings.json can hold anything; a list setting that is not a list reads as empty. */
function arrayOf<T>(value: unknown): readonly T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
