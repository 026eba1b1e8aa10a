// The fake GitHub's page arithmetic: `per_page` (default 30, at most 100), `page` (from 1), and the
// `link` header with rel next/last/first/prev, as GitHub builds it from the request's own address.

export interface Page<T> {
  readonly page: number;
  readonly perPage: number;
  /** The items of this page. */
  readonly items: T[];
  /** The `link` header, or nothing when there is a single page. */
  readonly headers: Record<string, string>;
}

export function pageParams(url: URL): { page: number; perPage: number } {
  return {
    perPage: Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30))),
    page: Math.max(1, Number(url.searchParams.get('page') ?? 1)),
  };
}

/** The `link` header of page `page` of `last`, or nothing when there is one page. */
export function linkHeader(url: URL, page: number, last: number): Record<string, string> {
  const link = (p: number, rel: string) => {
    const next = new URL(url.toString());
    next.searchParams.set('page', String(p));
    return `<${next.toString()}>; rel="${rel}"`;
  };
  const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
  return links.length ? { link: links.join(', ') } : {};
}

/** One page of `all`, the request's `per_page` and `page`. */
export function paginate<T>(url: URL, all: readonly T[]): Page<T> {
  const { page, perPage } = pageParams(url);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  return { page, perPage, items: all.slice((page - 1) * perPage, page * perPage), headers: linkHeader(url, page, last) };
}
