/**
 * Returns the first of `name`, `name-2`, `name-3`, … (the counter goes before
 * the extension) for which `exists` answers false, so nothing is overwritten.
 */
export async function nextFreeName(
  fileName: string,
  exists: (candidate: string) => Promise<boolean>,
  maxAttempts = 1000,
): Promise<string> {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const extension = dot > 0 ? fileName.slice(dot) : '';
  for (let n = 1; n <= maxAttempts; n++) {
    const candidate = n === 1 ? fileName : `${stem}-${n}${extension}`;
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`No free file name for "${fileName}" after ${maxAttempts} attempts.`);
}
