import { encode as encodeRison, parser as RisonParser, type RisonValue } from 'rison-node';
import { classifyLink, type DashboardVendor } from '../runbook/links';
import { clip } from '../text';
import type { TimeSpan } from '../time/windowInput';

export type { DashboardVendor };

export type Rewrite =
  | { readonly ok: true; readonly url: string; readonly vendor: DashboardVendor; readonly changed: readonly string[] }
  | { readonly ok: false; readonly url: string; readonly reason: string };

/*
 * Why not URLSearchParams: serialising it re-encodes every parameter (`%2A` becomes `*`, `%20` becomes `+`,
 * raw spaces and parentheses get escaped), so a link pasted from a vendor would come back with bytes changed
 * that have nothing to do with time. Runbook authors copy these URLs by hand and compare them by eye, so the
 * query is edited as text instead: split on `&`, match each pair on its *decoded* key, replace only the
 * values we own, and join again. `new URL()` only validates the link and (in classifyLink) reads its host and path.
 */

const NO_TIME_WINDOW = 'opens without a time window';
const MAX_QUOTED_LENGTH = 80;

/** Computes a parameter's new raw (already URL-safe) value from its current raw value, if any. */
type ValueFor = (current: string | undefined) => string;

interface ParamEdit {
  /** Parameters to set, by decoded key; missing ones are appended in this order. */
  readonly set: readonly (readonly [key: string, value: ValueFor])[];
  /** Parameters to remove, by decoded key and decoded value. */
  readonly drop?: (key: string, value: string) => boolean;
}

interface EditResult {
  readonly text: string;
  readonly changed: readonly string[];
}

interface QueryPair {
  readonly rawKey: string;
  readonly rawValue: string | undefined;
}

const constant =
  (value: string): ValueFor =>
  () =>
    value;

/** decodeURIComponent with `+` as space that never throws: malformed escapes stay as written. */
function decodeComponent(raw: string): string {
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function splitPair(pair: string): QueryPair {
  const eq = pair.indexOf('=');
  return eq === -1 ? { rawKey: pair, rawValue: undefined } : { rawKey: pair.slice(0, eq), rawValue: pair.slice(eq + 1) };
}

function splitQuery(query: string): string[] {
  return query === '' ? [] : query.split('&');
}

function hasParam(query: string | undefined, key: string): boolean {
  return query !== undefined && splitQuery(query).some((pair) => decodeComponent(splitPair(pair).rawKey) === key);
}

/**
 * Sets and removes parameters in a raw `a=1&b=2` string, leaving every other pair byte for byte as written.
 * A key to set that appears twice keeps its first position; later copies are dropped so the link is unambiguous.
 */
function editQuery(query: string, edit: ParamEdit): EditResult {
  const pending = new Map<string, ValueFor>(edit.set);
  const setKeys = new Set(pending.keys());
  const removed = new Set<string>();
  const pairs: string[] = [];
  for (const pair of splitQuery(query)) {
    const { rawKey, rawValue } = splitPair(pair);
    const key = decodeComponent(rawKey);
    if (setKeys.has(key)) {
      const valueFor = pending.get(key);
      if (valueFor) pairs.push(`${rawKey}=${valueFor(rawValue)}`);
      pending.delete(key);
    } else if (edit.drop?.(key, decodeComponent(rawValue ?? ''))) {
      removed.add(key);
    } else {
      pairs.push(pair);
    }
  }
  for (const [key, valueFor] of pending) pairs.push(`${key}=${valueFor(undefined)}`);
  return { text: pairs.join('&'), changed: [...setKeys, ...removed] };
}

/** `base?query#fragment`, split on the first `#` and then the first `?`, with absent parts kept distinct from empty ones. */
interface UrlParts {
  readonly base: string;
  readonly query: string | undefined;
  readonly fragment: string | undefined;
}

function splitUrl(url: string): UrlParts {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? undefined : url.slice(hash + 1);
  const mark = beforeHash.indexOf('?');
  if (mark === -1) return { base: beforeHash, query: undefined, fragment };
  return { base: beforeHash.slice(0, mark), query: beforeHash.slice(mark + 1), fragment };
}

function joinUrl({ base, query, fragment }: UrlParts): string {
  return `${base}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`;
}

function editUrlQuery(url: string, edit: ParamEdit): EditResult {
  const parts = splitUrl(url);
  const edited = editQuery(parts.query ?? '', edit);
  return { text: joinUrl({ ...parts, query: edited.text }), changed: edited.changed };
}

/** Edits the `?query` inside a hash route such as `#/discover?_g=(...)`, adding `?` when the route has none. */
function editFragmentQuery(url: string, edit: ParamEdit): EditResult {
  const parts = splitUrl(url);
  const fragment = parts.fragment ?? '';
  const mark = fragment.indexOf('?');
  const route = mark === -1 ? fragment : fragment.slice(0, mark);
  const edited = editQuery(mark === -1 ? '' : fragment.slice(mark + 1), edit);
  return { text: joinUrl({ ...parts, fragment: `${route}?${edited.text}` }), changed: edited.changed };
}

const epochMs = (date: Date): string => String(date.getTime());

/** `2026-03-01T14:05:00`: UTC, no milliseconds, no zone designator. */
const isoSeconds = (date: Date): string => date.toISOString().slice(0, 19);

/**
 * Datadog. Dashboards and most explorers read `from_ts`/`to_ts` (epoch ms) and `live`; a live view keeps sliding
 * away from the incident, so it is paused with `live=false` and `refresh_mode=sliding` is dropped.
 * https://docs.datadoghq.com/dashboards/guide/custom_time_frames/ (URL section: from_ts, to_ts, live)
 * APM trace and log explorer links instead carry `start`/`end` (epoch ms) with `paused`; those keep their own names.
 * A link carrying both pairs gets both, and every rewritten link gets `live=false`, so no stale `live=true` survives.
 */
function datadog(url: string, window: TimeSpan): EditResult {
  const { query } = splitUrl(url);
  const startEnd = hasParam(query, 'start') || hasParam(query, 'end');
  const fromToTs = !startEnd || hasParam(query, 'from_ts') || hasParam(query, 'to_ts');
  const from = constant(epochMs(window.from));
  const to = constant(epochMs(window.to));
  return editUrlQuery(url, {
    set: [
      ...(startEnd ? ([['start', from], ['end', to]] as const) : []),
      ...(fromToTs ? ([['from_ts', from], ['to_ts', to]] as const) : []),
      ...(startEnd ? ([['paused', constant('true')]] as const) : []),
      ['live', constant('false')],
    ],
    drop: (key, value) => key === 'refresh_mode' && value === 'sliding',
  });
}

/**
 * Grafana: `from` and `to` in epoch milliseconds.
 * https://grafana.com/docs/grafana/latest/dashboards/use-dashboards/ (time range controls: "the time range in the URL")
 */
function grafana(url: string, window: TimeSpan): EditResult {
  return editUrlQuery(url, {
    set: [
      ['from', constant(epochMs(window.from))],
      ['to', constant(epochMs(window.to))],
    ],
  });
}

/**
 * Sentry: absolute `start`/`end` in ISO 8601 (UTC), and no `statsPeriod`, which "will override the start & end parameters".
 * https://docs.sentry.io/api/releases/retrieve-release-health-session-statistics/ (query parameters start, end, statsPeriod)
 * The page filters keep a `utc` flag beside an absolute range (getsentry/sentry static/app/components/organizations/pageFilters/parse.tsx)
 * and Sentry's own absolute-range links carry `utc=true`; in the field test a zone-less range without it was read in each
 * viewer's own zone. So `utc=true` is set (an existing `utc` replaced): New York and Berlin see the same window.
 */
function sentry(url: string, window: TimeSpan): EditResult {
  return editUrlQuery(url, {
    set: [
      ['start', constant(isoSeconds(window.from))],
      ['end', constant(isoSeconds(window.to))],
      ['utc', constant('true')],
    ],
    drop: (key) => key === 'statsPeriod',
  });
}

/**
 * Splunk: `earliest` and `latest` as epoch seconds. The start is rounded down and the end up, so the window never shrinks.
 * https://docs.splunk.com/Documentation/Splunk/latest/Search/Specifytimemodifiersinyoursearch
 */
function splunk(url: string, window: TimeSpan): EditResult {
  return editUrlQuery(url, {
    set: [
      ['earliest', constant(String(Math.floor(window.from.getTime() / 1000)))],
      ['latest', constant(String(Math.ceil(window.to.getTime() / 1000)))],
    ],
  });
}

/** rison-node's parser reports every syntax error with console.log; this one only records it for `parse`. */
class QuietRisonParser extends RisonParser {
  override error(message: string): undefined {
    this.message = message;
    return undefined;
  }
}

/** Decodes rison text, or undefined when it is malformed. */
function decodeRison(text: string): RisonValue | undefined {
  try {
    return new QuietRisonParser((message) => {
      throw new Error(message);
    }).parse(text);
  } catch {
    return undefined;
  }
}

function isRisonObject(value: RisonValue | undefined): value is { readonly [key: string]: RisonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Like Kibana's own URL writer: encodeURIComponent, then `:`, `,`, `@`, `$` and `;` put back; `( ) ' !` are never escaped. */
function encodeKibanaComponent(text: string): string {
  return encodeURIComponent(text)
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%40/gi, '@')
    .replace(/%24/g, '$')
    .replace(/%3B/gi, ';');
}

/** The new `_g` value: the existing global state (when it decodes) with `time` replaced. */
function kibanaGlobalState(window: TimeSpan): ValueFor {
  return (current) => {
    // An unreadable `_g` cannot be merged, so it is replaced by one holding just the time.
    const decoded = current === undefined ? undefined : decodeRison(decodeComponent(current));
    const state = isRisonObject(decoded) ? decoded : {};
    const time = { from: window.from.toISOString(), to: window.to.toISOString() };
    return encodeKibanaComponent(encodeRison({ ...state, time }));
  };
}

/**
 * Kibana: the `time` of the rison-encoded global state `_g`, e.g. `_g=(time:(from:'2026-03-01T14:05:00.000Z',to:'...'))`,
 * keeping its other keys (refreshInterval, filters). `_g` lives in the query or in a hash route (`#/?_g=`, `#/view/id?_g=`).
 * Kibana's URL drilldown docs describe rison as "a common format for Kibana apps for storing state in the URL":
 * https://www.elastic.co/guide/en/kibana/master/url_templating-language.html
 * and an Elastic team answer explains `_g` as global state: https://discuss.elastic.co/t/kibana-g-and-a-parameters-in-the-dashboards-url-string/264642
 */
function kibana(url: string, window: TimeSpan): EditResult {
  const edit: ParamEdit = { set: [['_g', kibanaGlobalState(window)]] };
  const { query, fragment } = splitUrl(url);
  const fragmentQuery = fragment === undefined || !fragment.includes('?') ? undefined : fragment.slice(fragment.indexOf('?') + 1);
  const inQuery = hasParam(query, '_g');
  const inFragment = hasParam(fragmentQuery, '_g');
  if (inQuery || inFragment) {
    const afterQuery = inQuery ? editUrlQuery(url, edit).text : url;
    return { text: inFragment ? editFragmentQuery(afterQuery, edit).text : afterQuery, changed: ['_g'] };
  }
  // No `_g` yet: hash-routed apps (`#/...`) read it from the route, everything else from the query.
  return fragment?.startsWith('/') ? editFragmentQuery(url, edit) : editUrlQuery(url, edit);
}

const REWRITERS: Partial<Record<DashboardVendor, (url: string, window: TimeSpan) => EditResult>> = {
  Datadog: datadog,
  Grafana: grafana,
  Sentry: sentry,
  Kibana: kibana,
  Splunk: splunk,
};


function isValidDate(date: Date): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/**
 * Returns `url` pointed at `window` (New Relic and CloudWatch links, and non-dashboard links, are refused).
 * Only the vendor's time parameters change; every other byte of the link is kept. Never throws.
 */
export function rewriteTimeWindow(url: string, window: TimeSpan): Rewrite {
  const trimmed = url.trim();
  try {
    new URL(trimmed);
  } catch {
    return { ok: false, url, reason: `not a valid URL: ${clip(url, MAX_QUOTED_LENGTH)}` };
  }
  const { kind, vendor } = classifyLink(trimmed);
  const rewriter = kind === 'dashboard' && vendor ? REWRITERS[vendor] : undefined;
  if (!vendor || !rewriter) return { ok: false, url, reason: NO_TIME_WINDOW };
  if (!isValidDate(window.from) || !isValidDate(window.to)) return { ok: false, url, reason: 'the time window is not a valid date range' };
  if (window.from.getTime() > window.to.getTime()) return { ok: false, url, reason: 'the time window ends before it starts' };
  try {
    const { text, changed } = rewriter(trimmed, window);
    return { ok: true, url: text, vendor, changed };
  } catch (error) {
    // Defensive: nothing above is expected to throw, but a runbook link must never break the caller.
    return { ok: false, url, reason: `could not rewrite the link: ${error instanceof Error ? error.message : String(error)}` };
  }
}
