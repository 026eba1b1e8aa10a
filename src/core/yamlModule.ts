import type * as YamlModule from 'yaml';

/**
 * The yaml package, required on first use rather than imported: the bundle defers it to
 * dist/vendor/yaml.js, evaluated when a record, a template's front matter or an issue
 * template is first read, not at activation.
 */
export function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof YamlModule;
}
