// Offset paging of GET /api/now/table/{table} (c_TableAPI.md of ServiceNow/ServiceNowDocs): sysparm_limit (default
// 10000) and sysparm_offset (default 0), `X-Total-Count` (left out with sysparm_no_count=true) and a `Link` header
// with rel first, prev, next and last (left out with sysparm_suppress_pagination_header=true). The links keep the
// request's other parameters and end with sysparm_limit and sysparm_offset, as instances answer them; like them,
// `prev` is offset − limit even on the first page (negative there) and `last` is total − limit. `next` is left out
// on the last page.

const DEFAULT_LIMIT = 10_000;

export function pageOf<T>(rows: readonly T[], params: URLSearchParams, url: string): { page: T[]; headers: Record<string, string> } {
  const limit = whole(params.get('sysparm_limit'), 1) ?? DEFAULT_LIMIT;
  const offset = whole(params.get('sysparm_offset'), 0) ?? 0;
  const total = rows.length;
  const headers: Record<string, string> = {};
  if (params.get('sysparm_no_count')?.toLowerCase() !== 'true') headers['x-total-count'] = String(total);
  if (params.get('sysparm_suppress_pagination_header')?.toLowerCase() !== 'true') {
    const kept = [...params].filter(([name]) => name !== 'sysparm_limit' && name !== 'sysparm_offset');
    const link = (at: number, rel: string) => `<${url}?${new URLSearchParams([...kept, ['sysparm_limit', String(limit)], ['sysparm_offset', String(at)]])}>;rel="${rel}"`;
    const links = [link(0, 'first'), link(offset - limit, 'prev'), ...(offset + limit < total ? [link(offset + limit, 'next')] : []), link(Math.max(0, total - limit), 'last')];
    headers.link = links.join(',');
  }
  return { page: rows.slice(offset, offset + limit), headers };
}

/** A whole number at least `min`, or undefined. */
function whole(text: string | null, min: number): number | undefined {
  const n = text === null || !/^\d+$/.test(text.trim()) ? NaN : Number(text);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}
