/** A table row split at its unescaped pipes; joining `pieces` with `|` gives the row back. */
export interface TableRow {
  /** The text before the first pipe (indentation), the cells, and the text after the last pipe. */
  readonly pieces: readonly string[];
  readonly leadingPipe: boolean;
  readonly trailingPipe: boolean;
}

/** Splits a table line (without its line ending) at its unescaped pipes; undefined when it has none. */
export function splitRow(line: string): TableRow | undefined {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '\\') i++;
    else if (c === '|') {
      pieces.push(line.slice(start, i));
      start = i + 1;
    }
  }
  if (pieces.length === 0) return undefined;
  pieces.push(line.slice(start));
  const leadingPipe = (pieces[0] ?? '').trim() === '';
  const trailingPipe = (pieces.at(-1) ?? '').trim() === '';
  return { pieces, leadingPipe, trailingPipe };
}

/** The row's cells, without the text around the outer pipes. */
export function cellsOf(row: TableRow): string[] {
  return row.pieces.slice(row.leadingPipe ? 1 : 0, row.trailingPipe ? -1 : undefined);
}

/** `| --- | :---: |`: the delimiter row under a table's header; its number of columns. */
export function delimiterColumns(line: string): number | undefined {
  const row = splitRow(line);
  if (!row) return undefined;
  const cells = cellsOf(row);
  for (const cell of cells) if (!isDelimiterCell(cell.trim())) return undefined;
  return cells.length;
}

function isDelimiterCell(cell: string): boolean {
  let start = cell.startsWith(':') ? 1 : 0;
  const end = cell.endsWith(':') && cell.length > 1 ? cell.length - 1 : cell.length;
  if (end - start < 1) return false;
  for (; start < end; start++) if (cell.charAt(start) !== '-') return false;
  return true;
}

/** The row with its second cell set to `value` (pipes escaped), keeping the first cell, the outer pipes and the padding style. */
export function withSecondCell(row: TableRow, value: string): string {
  const escaped = value.replace(/\|/g, '\\|');
  const first = row.leadingPipe ? 1 : 0;
  const lastCell = row.trailingPipe ? row.pieces.length - 2 : row.pieces.length - 1;
  const labelCell = row.pieces[first] ?? '';
  const spaced = labelCell.startsWith(' ') || labelCell.endsWith(' ');
  const pieces = [...row.pieces];
  if (first + 1 > lastCell) {
    // `| Date |`: the row stops before its value cell.
    pieces.splice(first + 1, 0, spaced ? ` ${escaped} ` : escaped);
    return pieces.join('|');
  }
  const old = pieces[first + 1] ?? '';
  if (old.trim() === '') {
    const closed = first + 1 < lastCell || row.trailingPipe;
    pieces[first + 1] = spaced || old.length > 0 ? ` ${escaped}${closed ? ' ' : ''}` : escaped;
  } else {
    const lead = old.length - old.trimStart().length;
    const trail = old.length - old.trimEnd().length;
    pieces[first + 1] = `${old.slice(0, lead)}${escaped}${old.slice(old.length - trail)}`;
  }
  return pieces.join('|');
}
