import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import yauzl from 'yauzl';
import { EXTENSION_VSIX } from '../harness/packaging';

function listEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names.sort()));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Everything the .vsix may hold: the packaging metadata and what runs. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/webview\/[\w-]+\.(js|css)$/,
  /^extension\/dist\/vendor\/[\w-]+\.js$/,
  /^extension\/media\/[\w-]+\.(svg|css)$/,
];

const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/vendor/markdown-it.js',
  'extension/dist/vendor/yaml.js',
  'extension/dist/vendor/octokit.js',
  'extension/dist/vendor/rollout.js',
  'extension/dist/vendor/support.js',
  'extension/dist/webview/incidentForm.js',
  'extension/media/runbook.svg',
  'extension/media/support.svg',
  'extension/media/incidentForm.css',
];

describe('the packaged .vsix', () => {
  it('holds only what runs', async () => {
    const entries = await listEntries(EXTENSION_VSIX);
    const unexpected = entries.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, [], 'files that should not ship');
    assert.deepEqual(REQUIRED.filter((name) => !entries.includes(name)), [], 'files missing from the package');
  });

  it('stays under 1 MB', () => {
    const bytes = statSync(EXTENSION_VSIX).size;
    assert.ok(bytes < 1024 * 1024, `${EXTENSION_VSIX} is ${bytes} bytes`);
  });
});
