import * as assert from 'node:assert/strict';
import { nextFreeName } from '../../src/core/fileNames';

const taken = (...names: string[]) => async (candidate: string) => names.includes(candidate);

describe('nextFreeName', () => {
  it('keeps the name when it is free', async () => {
    assert.equal(await nextFreeName('incident.md', taken()), 'incident.md');
  });

  it('adds -2, -3 before the extension when taken', async () => {
    assert.equal(await nextFreeName('incident.md', taken('incident.md')), 'incident-2.md');
    assert.equal(await nextFreeName('incident.md', taken('incident.md', 'incident-2.md')), 'incident-3.md');
  });

  it('handles names without an extension and dot-files', async () => {
    assert.equal(await nextFreeName('notes', taken('notes')), 'notes-2');
    assert.equal(await nextFreeName('.env', taken('.env')), '.env-2');
  });

  it('gives up with a clear error instead of looping forever', async () => {
    await assert.rejects(nextFreeName('a.md', async () => true, 5), /No free file name for "a.md" after 5 attempts/);
  });
});
