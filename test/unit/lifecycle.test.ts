import * as assert from 'node:assert/strict';
import { Disposable, disposeAll, type IDisposable } from '../../src/core/lifecycle';

const toDisposable = (dispose: () => void): IDisposable => ({ dispose });

class Owner extends Disposable {
  add(fn: () => void) {
    return this._register(toDisposable(fn));
  }
}

describe('Disposable', () => {
  it('disposes what it registered, last first, and only once', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.add(() => order.push('a'));
    owner.add(() => order.push('b'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['b', 'a']);
  });

  it('disposes at once what is registered after disposal', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = false;
    owner.add(() => (disposed = true));
    assert.equal(disposed, true);
  });

  it('disposeAll disposes every item even when one throws, then rethrows', () => {
    const seen: string[] = [];
    assert.throws(
      () =>
        disposeAll([
          toDisposable(() => seen.push('1')),
          toDisposable(() => {
            throw new Error('boom');
          }),
          toDisposable(() => seen.push('3')),
        ]),
      /boom/,
    );
    assert.deepEqual(seen, ['1', '3']);
  });
});
