import type { RunbookDiscovery } from './features/playbook/runbookDiscovery';

/**
 * The API that `activate()` returns to other extensions and to the test suites:
 *
 *   const api = await vscode.extensions.getExtension<RunbookApi>('incident-runbook.incident-runbook')?.activate();
 *
 * Additive changes keep `apiVersion`; a breaking change increments it.
 */
export interface RunbookApi {
  readonly apiVersion: 1;
  /** The runbooks found in the workspace, sorted by path within each workspace folder. */
  getRunbooks(): Promise<RunbookSummary[]>;
}

export interface RunbookSummary {
  /** The file's URI, as a string. */
  readonly uri: string;
  /** The path relative to its workspace folder, with forward slashes. */
  readonly path: string;
  /** The name of the workspace folder that holds it. */
  readonly workspaceFolder: string;
}

export function createApi(deps: { discovery: RunbookDiscovery }): RunbookApi {
  return {
    apiVersion: 1,
    async getRunbooks() {
      const files = await deps.discovery.findRunbooks();
      return files.map((f) => ({ uri: f.uri.toString(), path: f.relativePath, workspaceFolder: f.folder.name }));
    },
  };
}
