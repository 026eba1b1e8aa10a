// Bundles the extension, its webviews and (with --tests) the integration suites.
//   node scripts/build.mjs               development build with sourcemaps
//   node scripts/build.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node scripts/build.mjs --tests       only the integration suites and the in-host test runner (out/runner)
//   node scripts/build.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');
const watch = args.has('--watch');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  loader: { '.md': 'text' },
};

/**
 * Libraries the extension needs only after activation (when a runbook is parsed
 * or an incident record read). Each becomes its own file in dist/vendor/, which
 * the extension requires on first use, so activation does not compile them.
 */
const DEFERRED = ['markdown-it', 'yaml'];
/**
 * Our own modules loaded on first use, each its own file in dist/vendor/: the ones that wrap octokit and Slack's client, and
 * the follow-ups, Slack, PagerDuty and rollout capabilities (each required when one of its commands or views is first used).
 */
const DEFERRED_MODULES = {
  './vendorOctokit': { entry: 'src/features/changes/vendorOctokit.ts', out: 'octokit' },
  './vendorSlack': { entry: 'src/features/slack/vendorSlack.ts', out: 'slack' },
  './slackModule': { entry: 'src/features/slack/slackModule.ts', out: 'slackModule' },
  './pagerDutyModule': { entry: 'src/features/pagerduty/pagerDutyModule.ts', out: 'pagerDuty' },
  './followUpsModule': { entry: 'src/features/followUps/followUpsModule.ts', out: 'followUps' },
  './rolloutModule': { entry: 'src/features/rollout/rolloutModule.ts', out: 'rollout' },
  './supportModule': { entry: 'src/features/support/supportModule.ts', out: 'support' },
};

/** Maps the deferred libraries and modules to their files, relative to the bundle that requires them (`prefix`: `./vendor/` from dist/, `./` inside dist/vendor/). */
function deferLibraries(prefix) {
  return {
    name: 'defer-libraries',
    setup(build) {
      const filter = new RegExp(`^(${DEFERRED.join('|')})$`);
      build.onResolve({ filter }, (args) => ({ path: `${prefix}${args.path}.js`, external: true }));
      for (const [request, { out }] of Object.entries(DEFERRED_MODULES)) {
        build.onResolve({ filter: new RegExp(`^${request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }, () => ({ path: `${prefix}${out}.js`, external: true }));
      }
    },
  };
}

/** The extension host bundle: Node, CommonJS, `vscode` provided by the host. */
const extension = {
  ...shared,
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [deferLibraries('./vendor/')],
};

const vendorModules = Object.values(DEFERRED_MODULES).map(({ entry, out }) => ({
  ...shared,
  entryPoints: [entry],
  outfile: `dist/vendor/${out}.js`,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [deferLibraries('./')],
}));

const vendor = DEFERRED.map((name) => ({
  ...shared,
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.', loader: 'js' },
  outfile: `dist/vendor/${name}.js`,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
}));

/** Each `webview/<name>/main.ts` becomes `dist/webview/<name>.js` for the browser. */
function webviewEntries() {
  if (!existsSync('webview')) return {};
  return Object.fromEntries(
    readdirSync('webview', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
      .map((d) => [d.name, join('webview', d.name, 'main.ts')]),
  );
}
const webviews = {
  ...shared,
  entryPoints: webviewEntries(),
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

/**
 * Integration suites and the runner extension that executes them inside the
 * real extension host. mocha stays external: the runner loads it from the
 * repository's node_modules, whose path the harness passes in.
 */
function integrationEntries() {
  const dir = 'test/integration';
  const suites = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => [join('suites', f.replace(/\.ts$/, '')), join(dir, f)]);
  return Object.fromEntries([['extension', 'test/harness/runner-extension/extension.ts'], ...suites]);
}
const tests = {
  ...shared,
  minify: false,
  sourcemap: 'inline',
  entryPoints: withTests ? integrationEntries() : {},
  outdir: 'out/runner',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
};

const configs = (withTests ? [tests] : [extension, webviews, ...vendor, ...vendorModules]).filter((c) => c.stdin || Object.keys(c.entryPoints).length > 0);

rmSync(withTests ? 'out/runner' : 'dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
