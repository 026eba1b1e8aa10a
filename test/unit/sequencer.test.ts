import * as assert from 'node:assert/strict';
import { Sequencer } from '../../src/core/sequencer';

const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('Sequencer: newer results win', () => {
  it('drops an older scan that finishes after a newer one', async () => {
    const sequencer = new Sequencer();
    const published: string[] = [];
    await Promise.all([sequencer.run('a', () => after(30, 'old'), (v) => published.push(v)), sequencer.run('a', () => after(5, 'new'), (v) => published.push(v))]);
    assert.deepEqual(published, ['new']);
  });

  it('keeps keys apart', async () => {
    const sequencer = new Sequencer();
    const published: string[] = [];
    await Promise.all([sequencer.run('a', () => after(20, 'a'), (v) => published.push(v)), sequencer.run('b', () => after(5, 'b'), (v) => published.push(v))]);
    assert.deepEqual(published.sort(), ['a', 'b']);
  });

  it('invalidate makes outstanding tickets stale', () => {
    const sequencer = new Sequencer();
    const ticket = sequencer.next('doc');
    sequencer.invalidate('doc');
    assert.equal(sequencer.isCurrent(ticket), false);
  });

  it('forget drops the key: its outstanding tickets go stale and nothing is kept for it', () => {
    const sequencer = new Sequencer();
    const ticket = sequencer.next('doc');
    sequencer.forget('doc');
    assert.equal(sequencer.isCurrent(ticket), false);
    assert.equal(sequencer.size, 0);
    const newer = sequencer.next('doc');
    assert.equal(sequencer.isCurrent(newer), true);
    assert.equal(sequencer.isCurrent(ticket), false, 'a forgotten ticket stays stale once the key is used again');
  });

  it('invalidate keeps nothing for a key it has never seen', () => {
    const sequencer = new Sequencer();
    sequencer.invalidate('closed-before-any-scan');
    assert.equal(sequencer.size, 0);
  });
});
