import { linkDestination } from '../markdownLinks';

/** A dashboard's line under Dashboards in the record: `- [label](url) — note`, one link whatever the label or URL holds. */
export function dashboardEntry(label: string, url: string, note: string): string {
  return `- [${escapeLabel(label)}](${linkDestination(url)}) — ${note}`;
}

function escapeLabel(label: string): string {
  return label.replace(/[\\[\]<>]/g, (c) => `\\${c}`);
}
