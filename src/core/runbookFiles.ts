import picomatch from 'picomatch';

/**
 * Decides which workspace files are runbooks. Patterns are globs relative to a
 * workspace folder, matched case-insensitively so that `Runbook.md`,
 * `RUNBOOK.md` and `incident-runbook.md` are all found by `**\/*runbook*.md`.
 * Invalid patterns are reported, not thrown, so one typo in a setting does not
 * hide every runbook.
 */
export interface RunbookMatcher {
  matches(relativePath: string): boolean;
  readonly invalidPatterns: readonly string[];
}

export function createRunbookMatcher(patterns: readonly string[]): RunbookMatcher {
  const matchers: Array<(path: string) => boolean> = [];
  const invalidPatterns: string[] = [];
  for (const pattern of patterns) {
    const trimmed = pattern.trim();
    if (trimmed === '') continue;
    try {
      matchers.push(picomatch(trimmed, { nocase: true, dot: false, strictBrackets: true }));
    } catch {
      invalidPatterns.push(pattern);
    }
  }
  return {
    matches: (relativePath) => {
      const normalized = relativePath.replace(/\\/g, '/').replace(/^\.?\//, '');
      return !isIgnoredPath(normalized) && matchers.some((m) => m(normalized));
    },
    invalidPatterns,
  };
}

const IGNORED_SEGMENTS = new Set(['node_modules', '.git']);

function isIgnoredPath(path: string): boolean {
  return path.split('/').some((segment) => IGNORED_SEGMENTS.has(segment));
}

/** Markdown file extensions considered when looking for runbooks. */
export const MARKDOWN_GLOB = '**/*.{md,markdown,MD,Markdown}';
