/** Anything that holds resources until it is disposed (structurally compatible with `vscode.Disposable`). */
export interface IDisposable {
  dispose(): void;
}

/**
 * Base class for services that own other disposables: whatever is passed to
 * `_register` is disposed with the owner, in reverse order of registration.
 */
export abstract class Disposable implements IDisposable {
  private readonly _disposables: IDisposable[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  protected _register<T extends IDisposable>(disposable: T): T {
    if (this._isDisposed) {
      disposable.dispose();
    } else {
      this._disposables.push(disposable);
    }
    return disposable;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    disposeAll(this._disposables.splice(0).reverse());
  }
}

/** Disposes every item even if one of them throws; rethrows the first error afterwards. */
export function disposeAll(disposables: Iterable<IDisposable>): void {
  let firstError: unknown;
  for (const d of disposables) {
    try {
      d.dispose();
    } catch (e) {
      firstError ??= e;
    }
  }
  if (firstError !== undefined) throw firstError;
}
