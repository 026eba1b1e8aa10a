/** What the in-host runner extension writes and the harness reads: one JSON file per extension host. */

export const EXTENSION_ID = 'incident-runbook.incident-runbook';

/** Environment variables the harness passes to code-server, and so to its extension hosts. */
export const RunnerEnv = {
  /** Folder the runner writes its report into; the runner does nothing without it. */
  outDir: 'RUNBOOK_TEST_OUT',
  /** `integration` runs the suites; `bench` measures activation. */
  mode: 'RUNBOOK_TEST_MODE',
  /** Absolute path of the repository's mocha package. */
  mocha: 'RUNBOOK_TEST_MOCHA',
  /** Optional mocha `grep` to run a subset of suites. */
  grep: 'RUNBOOK_TEST_GREP',
} as const;

export type RunnerMode = 'integration' | 'bench';

export interface TestOutcome {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: string;
}

export interface IntegrationReport {
  readonly kind: 'integration';
  readonly vscodeVersion: string;
  readonly tests: readonly TestOutcome[];
  /** A failure outside any test (loading a suite, a hook). */
  readonly fatal?: string;
}

export interface BenchReport {
  readonly kind: 'bench';
  readonly vscodeVersion: string;
  /** From `getExtension(id).activate()` to its promise resolving, in milliseconds. */
  readonly activationMs: number;
  /** True when the extension had already been activated by something else: then the figure is void. */
  readonly wasAlreadyActive: boolean;
}

export type RunnerReport = IntegrationReport | BenchReport;

/** The integration runner appends each test's title here as it starts (one line each). */
export const PROGRESS_FILE = 'progress.log';
