// ServiceNow queue links of a runbook: addresses of a list (`<table>_list.do`) and its encoded query, as the UI writes
// them: the list URL itself (`https://HOST/incident_list.do?sysparm_query=…`), or the list URL percent-encoded once
// more inside the UI's classic frame (`https://HOST/now/nav/ui/classic/params/target/<list url>`) or in nav_to.do's
// `uri` parameter (`https://HOST/nav_to.do?uri=<list url>`), so the query there is encoded twice.
// Every scan is one pass over a line: no regular expression here can backtrack over the text.

export interface ServiceNowQueueLink {
  /** The instance's host, lower-case, with its port if the link has one: `yourit.va.gov`. */
  readonly instance: string;
  /** The list's table: `task` of `task_list.do`. */
  readonly table: string;
  /** The encoded query in ServiceNow's own form (`assignment_group=…^active=true^state!=6`); '' for the whole list. */
  readonly query: string;
  /** The link exactly as written in the text. */
  readonly url: string;
  /** 0-based line of the text. */
  readonly line: number;
  /** The link's text, or the bracketed text before a bare link on its line. */
  readonly label?: string;
}

type QueueUrl = Omit<ServiceNowQueueLink, 'url' | 'line' | 'label'>;

const CLASSIC_TARGET = '/now/nav/ui/classic/params/target/';
const LIST_PAGE = /^\/?([a-z0-9_]+)_list\.do$/i;
/** A `%` not followed by two hex digits (a fixed-length look-ahead: linear). */
const BAD_ESCAPE = /%(?![0-9a-f]{2})/i;

/** The list URL's path and query, decoded once; undefined when malformed. */
function decodeOnce(text: string): string | undefined {
  if (BAD_ESCAPE.test(text)) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** `task_list.do?sysparm_query=…` (a leading `/` allowed) → the table and the query; undefined when it is no list. */
function readList(pathAndQuery: string): { table: string; query: string } | undefined {
  const hash = pathAndQuery.indexOf('#');
  const withoutHash = hash < 0 ? pathAndQuery : pathAndQuery.slice(0, hash);
  const mark = withoutHash.indexOf('?');
  const path = mark < 0 ? withoutHash : withoutHash.slice(0, mark);
  const search = mark < 0 ? '' : withoutHash.slice(mark + 1);
  const table = LIST_PAGE.exec(path)?.[1];
  if (!table || BAD_ESCAPE.test(search)) return undefined;
  return { table: table.toLowerCase(), query: new URLSearchParams(search).get('sysparm_query') ?? '' };
}

/**
 * The instance, table and encoded query of a ServiceNow list address: the direct list URL, the classic UI's
 * `/now/nav/ui/classic/params/target/<encoded list url>` or `/nav_to.do?uri=<encoded list url>`. The target is decoded
 * once, then its sysparm_query once more as a query string (`+` is a space). Undefined for anything else: other
 * schemes than http and https, credentials in the address, malformed percent-encoding, pages that are no list.
 */
export function parseQueueUrl(url: string): QueueUrl | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username !== '' || parsed.password !== '' || !parsed.host) return undefined;
  if (BAD_ESCAPE.test(parsed.pathname) || BAD_ESCAPE.test(parsed.search)) return undefined;
  let list: { table: string; query: string } | undefined;
  const path = parsed.pathname;
  if (path.toLowerCase().startsWith(CLASSIC_TARGET)) {
    const target = decodeOnce(path.slice(CLASSIC_TARGET.length) + parsed.search);
    list = target === undefined ? undefined : readList(target);
  } else if (path.toLowerCase() === '/nav_to.do') {
    const uri = parsed.searchParams.get('uri');
    list = uri === null ? undefined : readList(uri);
  } else {
    list = readList(path + parsed.search);
  }
  return list && { instance: parsed.host.toLowerCase(), table: list.table, query: list.query };
}

/** Characters that end a bare address: whitespace, angle and square brackets, quotes, backticks, table pipes. */
function endsBare(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '<' || c === '>' || c === '[' || c === ']' || c === '"' || c === '`' || c === '|' || c === '\u00a0';
}

/** Punctuation that closes a sentence rather than an address, when it ends a bare address. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '_', '~']);

/** Where a bare address starting at `start` ends: `)` only when it closes a `(` of the address itself. */
function bareEnd(line: string, start: number): number {
  let end = start;
  let open = 0;
  let close = 0;
  for (; end < line.length && !endsBare(line[end] as string); end++) {
    if (line[end] === '(') open++;
    else if (line[end] === ')') close++;
  }
  for (; end > start; end--) {
    const c = line[end - 1] as string;
    if (c === ')' && close > open) close--;
    else if (!TRAILING.has(c)) break;
  }
  return end;
}

/**
 * Where a Markdown link destination starting at `start` ends (its unbalanced `)`); undefined when a character that
 * ends a bare address comes first. It never looks further than bareEnd does, so an address is scanned at most twice.
 */
function destinationEnd(line: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const c = line[i] as string;
    if (endsBare(c)) return undefined;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** Where an address after `<` ends: its `>`; undefined when whitespace or another `<` comes first. */
function angleEnd(line: string, start: number): number | undefined {
  for (let i = start; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '>') return i;
    if (c === '<' || c === ' ' || c === '\t' || c === '\r' || c === '\u00a0') return undefined;
  }
  return undefined;
}

function startsAddress(line: string, i: number): boolean {
  const c = line[i];
  if (c !== 'h' && c !== 'H') return false;
  const head = line.slice(i, i + 8).toLowerCase();
  if (!head.startsWith('http://') && head !== 'https://') return false;
  const before = line[i - 1] ?? '';
  return !/[a-z0-9]/i.test(before);
}

function linksOfLine(line: string, lineNumber: number, found: ServiceNowQueueLink[]): void {
  // The last `[` not yet closed, and the last bracketed text since the previous address.
  let open: number | undefined;
  let bracket: { text: string; end: number } | undefined;
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (c === '[') {
      open = i;
      i++;
      continue;
    }
    if (c === ']') {
      if (open !== undefined) bracket = { text: line.slice(open + 1, i), end: i };
      open = undefined;
      i++;
      continue;
    }
    if (!startsAddress(line, i)) {
      i++;
      continue;
    }
    let end: number | undefined;
    if (line[i - 1] === '(' && bracket?.end === i - 2) end = destinationEnd(line, i);
    else if (line[i - 1] === '<') end = angleEnd(line, i);
    end ??= bareEnd(line, i);
    const url = line.slice(i, end);
    const label = bracket?.text.trim();
    const queue = parseQueueUrl(url);
    if (queue) found.push({ ...queue, url, line: lineNumber, ...(label ? { label } : {}) });
    // A bracketed text names the one address after it.
    bracket = undefined;
    i = Math.max(end, i + 1);
  }
}

/**
 * The queue links of a text, in order: Markdown links `[label](url)` and `<url>`, and bare addresses (in
 * parentheses too: a `)` or a sentence's `.` or `,` after one is not part of it unless it closes a `(` of the
 * address). A bare address takes as label the bracketed text before it on its line, as in
 * `[SNOW Queue for …], investigate … (https://…)`. Only addresses of a `<table>_list.do` count (parseQueueUrl).
 */
export function findQueueLinks(text: string): ServiceNowQueueLink[] {
  const found: ServiceNowQueueLink[] = [];
  let lineNumber = 0;
  for (let start = 0; start <= text.length; lineNumber++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    linksOfLine(text.slice(start, end), lineNumber, found);
    if (newline < 0) break;
    start = newline + 1;
  }
  return found;
}
