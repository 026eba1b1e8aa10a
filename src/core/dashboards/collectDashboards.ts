import { classifyLink, type DashboardVendor } from '../runbook/links';
import { type Runbook, type RunbookNode, walk } from '../runbook/model';
import { clip } from '../text';

export interface DashboardLink {
  readonly label: string;
  readonly url: string;
  readonly vendor?: DashboardVendor;
  readonly host?: string;
  /** 0-based line in the runbook; absent for links from settings. */
  readonly line?: number;
  readonly source: 'runbook' | 'settings';
}

const PREFERRED_SECTIONS = /dashboard|monitor|debug/i;

/**
 * The dashboards of a runbook (links classified as dashboards, anywhere; those
 * under Dashboards, Monitoring and Debugging headings first) and of the
 * `runbook.dashboards.links` setting, without duplicate URLs.
 */
export function collectDashboards(runbook: Runbook | undefined, fromSettings: readonly { label?: unknown; url?: unknown }[]): DashboardLink[] {
  const preferred: DashboardLink[] = [];
  const others: DashboardLink[] = [];
  const visit = (nodes: readonly RunbookNode[], inPreferred: boolean) => {
    for (const node of nodes) {
      if (node.kind === 'link' && node.linkKind === 'dashboard') {
        (inPreferred ? preferred : others).push({ label: node.label, url: node.url, ...(node.vendor ? { vendor: node.vendor } : {}), ...(node.host ? { host: node.host } : {}), line: node.range.start, source: 'runbook' });
      } else if (node.kind === 'section') {
        visit(node.children, inPreferred || PREFERRED_SECTIONS.test(node.title));
      } else if (node.kind === 'step' || node.kind === 'checklist') {
        visit(node.children, inPreferred || PREFERRED_SECTIONS.test(node.text));
      }
    }
  };
  if (runbook) visit(runbook.children, false);
  const configured = fromSettings.flatMap((entry): DashboardLink[] => {
    if (typeof entry.url !== 'string' || !entry.url.trim()) return [];
    const url = entry.url.trim();
    const { vendor, host } = classifyLink(url);
    const label = typeof entry.label === 'string' && entry.label.trim() ? entry.label.trim() : host ?? url;
    return [{ label, url, ...(vendor ? { vendor } : {}), ...(host ? { host } : {}), source: 'settings' }];
  });
  const seen = new Set<string>();
  return [...preferred, ...others, ...configured].filter((d) => !seen.has(d.url) && seen.add(d.url));
}

/** Link lines whose URL has a scheme but cannot be parsed: each becomes a Problems entry. */
export function malformedLinks(runbook: Runbook): { line: number; url: string; message: string }[] {
  const problems: { line: number; url: string; message: string }[] = [];
  for (const node of walk(runbook.children)) {
    if (node.kind !== 'link' || !/^[a-z][a-z0-9+.-]*:/i.test(node.url)) continue;
    try {
      new URL(node.url);
    } catch {
      problems.push({ line: node.range.start, url: node.url, message: `Malformed link "${clip(node.url, 80)}": it cannot be opened.` });
    }
  }
  return problems;
}
