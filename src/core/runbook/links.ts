import { clip } from '../text';
export type LinkKind =
  | 'dashboard'
  | 'github-search'
  | 'github-file'
  | 'github-issue-template'
  | 'slack-channel'
  | 'pagerduty'
  | 'email'
  | 'other';
export type DashboardVendor = 'Datadog' | 'Grafana' | 'Sentry' | 'Kibana' | 'New Relic' | 'CloudWatch' | 'Splunk';
export interface LinkClassification {
  readonly kind: LinkKind;
  readonly vendor?: DashboardVendor;
  readonly host?: string;
}

/** Only http, https and mailto may be opened from a runbook. */
export type OpenDecision = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const OPENABLE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const MAX_QUOTED_LENGTH = 120;

// Relative links ("docs/x.md") are common and would make `new URL` throw, which is slow.
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function parseUrl(url: string): URL | undefined {
  if (!SCHEME.test(url)) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for `domain` itself and any subdomain of it. `host` is already lower-cased by URL. */
function isDomainOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function isDatadog(host: string): boolean {
  return ['datadoghq.com', 'datadoghq.eu', 'ddog-gov.com'].some((domain) => isDomainOrSubdomain(host, domain));
}

function isSentry(host: string): boolean {
  return isDomainOrSubdomain(host, 'sentry.io') || host.includes('sentry');
}

function isCloudWatch(url: URL): boolean {
  return url.hostname.endsWith('console.aws.amazon.com') && url.pathname.toLowerCase().startsWith('/cloudwatch');
}

/** Kibana is usually self-hosted, so its paths and `_g=(...)` global state identify it better than the host. */
function isKibana(url: URL): boolean {
  if (url.hostname.includes('kibana')) return true;
  const path = url.pathname.toLowerCase();
  if (['/app/kibana', '/app/discover', '/app/dashboards'].some((marker) => path.includes(marker))) return true;
  const state = `${url.search}${url.hash}`.toLowerCase();
  return state.includes('_g=(') || state.includes('_g=%28');
}

function dashboardVendor(url: URL): DashboardVendor | undefined {
  const host = url.hostname;
  if (isDatadog(host)) return 'Datadog';
  if (isDomainOrSubdomain(host, 'newrelic.com')) return 'New Relic';
  if (isCloudWatch(url)) return 'CloudWatch';
  if (host.includes('grafana')) return 'Grafana';
  if (isSentry(host)) return 'Sentry';
  if (host.includes('splunk')) return 'Splunk';
  if (isKibana(url)) return 'Kibana';
  return undefined;
}

function isGitHubIssueTemplate(url: URL): boolean {
  if (url.pathname.toUpperCase().includes('/ISSUE_TEMPLATE/')) return true;
  return url.pathname.includes('/issues/new') && url.searchParams.has('template');
}

function isGitHubFile(url: URL): boolean {
  const [owner, repo, view] = url.pathname.split('/').slice(1);
  return Boolean(owner) && Boolean(repo) && (view === 'blob' || view === 'tree');
}

function gitHubKind(url: URL): LinkKind {
  const path = withoutTrailingSlashes(url.pathname);
  if (path === '/search') return 'github-search';
  if (isGitHubIssueTemplate(url)) return 'github-issue-template';
  if (isGitHubFile(url)) return 'github-file';
  return 'other';
}

/** "/search/" → "/search". A loop, not /\/+$/: that pattern rescans a run of slashes from each one in it. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

function webLinkKind(url: URL): LinkKind {
  const host = url.hostname;
  if (host === 'github.com' || host === 'www.github.com') return gitHubKind(url);
  if (isDomainOrSubdomain(host, 'slack.com')) return url.pathname.startsWith('/archives/') ? 'slack-channel' : 'other';
  if (isDomainOrSubdomain(host, 'pagerduty.com')) return 'pagerduty';
  return 'other';
}

function classifyWebLink(url: URL): LinkClassification {
  const host = url.hostname;
  const vendor = dashboardVendor(url);
  if (vendor) return { kind: 'dashboard', vendor, host };
  return { kind: webLinkKind(url), host };
}

/** Never throws; a malformed or relative URL is kind 'other' with no host. */
export function classifyLink(url: string): LinkClassification {
  const parsed = parseUrl(url.trim());
  if (!parsed) return { kind: 'other' };
  if (parsed.protocol === 'mailto:') return { kind: 'email' };
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return classifyWebLink(parsed);
  return { kind: 'other' };
}


export function checkOpenable(url: string): OpenDecision {
  const trimmed = url.trim();
  const parsed = parseUrl(trimmed);
  const quoted = `"${clip(trimmed, MAX_QUOTED_LENGTH)}"`;
  if (!parsed) return { ok: false, reason: `Refused to open ${quoted}: it is not an absolute URL.` };
  if (OPENABLE_PROTOCOLS.has(parsed.protocol)) return { ok: true, url: trimmed };
  return {
    ok: false,
    reason: `Refused to open ${quoted}: only http, https and mailto links open from a runbook, and this link uses "${clip(parsed.protocol, MAX_QUOTED_LENGTH)}".`,
  };
}
