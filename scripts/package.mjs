// `npm run package`: the production build, then the .vsix users install.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const out = 'dist-package/incident-runbook.vsix';
execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
mkdirSync('dist-package', { recursive: true });
execFileSync('node_modules/.bin/vsce', ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { stdio: 'inherit' });
