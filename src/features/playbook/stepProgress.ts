import type * as vscode from 'vscode';
import type { StepProgress } from '../../core/runbook/treeModel';

const KEY = 'runbook.stepProgress';

/**
 * Which runbook steps are done, until an incident owns that progress. Kept in
 * workspace state under each step's id, which is built from the runbook's URI
 * and the titles and text leading to the step, so it survives edits that move lines.
 */
export class WorkspaceStepProgress implements StepProgress {
  constructor(private readonly state: vscode.Memento) {}

  isDone(stepId: string): boolean {
    return this.done().includes(stepId);
  }

  async set(stepId: string, done: boolean): Promise<void> {
    const others = this.done().filter((id) => id !== stepId);
    await this.state.update(KEY, done ? [...others, stepId] : others);
  }

  private done(): string[] {
    return this.state.get<string[]>(KEY, []);
  }
}
