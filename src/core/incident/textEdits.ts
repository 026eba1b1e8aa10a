/** Replace `text[start, end)` with `text`; offsets are in the text the edit was made for. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Sorts edits by position and merges insertions at the same offset (in the
 * order given), so they can go into one WorkspaceEdit. Overlapping edits are a bug.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  const merged: TextEdit[] = [];
  for (const { edit } of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.start === last.end && edit.start === edit.end && last.start === edit.start) merged[merged.length - 1] = { ...last, text: last.text + edit.text };
    else if (last && edit.start < last.end) throw new Error(`Overlapping edits at ${edit.start}.`);
    else merged.push(edit);
  }
  return merged;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of normalizeEdits(edits)) {
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** Where `offset` of the old text lands once the edits are applied (before anything inserted at that offset). */
export function offsetAfterEdits(edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) if (edit.start < offset && edit.end <= offset) shift += edit.text.length - (edit.end - edit.start);
  return offset + shift;
}
