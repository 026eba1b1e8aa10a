import * as vscode from 'vscode';
import { Disposable, type IDisposable } from '../../core/lifecycle';
import type { TreeRow } from '../treeRows';
import { SUPPORT_COMMANDS } from './supportCommands';
import type * as SupportModule from './supportModule';

/** As the rollouts: the Support Shift and Tickets views need the code soon after activation, activation does not. */
const LOAD_AFTER_MS = 500;

/**
 * The support shift as activation sees it: the commands are registered here; the code (plans, shift logs, the
 * ServiceNow client, the two views) loads shortly after activation, or at once when a command runs first.
 */
export class Support extends Disposable {
  private loaded: SupportModule.LoadedSupport | undefined;

  constructor(private readonly deps: SupportModule.SupportDeps) {
    super();
    const timer = setTimeout(() => this.load(), LOAD_AFTER_MS);
    this._register({ dispose: () => clearTimeout(timer) });
  }

  register(): IDisposable[] {
    return SUPPORT_COMMANDS.map((id) => vscode.commands.registerCommand(id, (input?: unknown) => this.load().commands[id](input)));
  }

  shiftRows(): Promise<TreeRow[]> {
    return this.load().shiftRows();
  }

  ticketRows(): Promise<TreeRow[]> {
    return this.load().ticketRows();
  }

  private load(): SupportModule.LoadedSupport {
    if (!this.loaded && !this.isDisposed) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: the support shift loads after activation
      const { loadSupport } = require('./supportModule') as typeof SupportModule;
      this.loaded = this._register(loadSupport(this.deps));
    }
    if (!this.loaded) throw new Error('The support shift was used after the extension was deactivated.');
    return this.loaded;
  }
}
