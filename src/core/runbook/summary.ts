import type { LinkKind } from './links';
import { type Runbook, walk } from './model';

export interface RunbookCounts {
  readonly sections: readonly string[];
  readonly steps: number;
  readonly checklist: { readonly checked: number; readonly total: number };
  readonly links: Partial<Record<LinkKind, number>>;
  readonly codeBlocks: number;
  readonly contacts: number;
}

export function summarizeRunbook(runbook: Runbook): RunbookCounts {
  const sections: string[] = [];
  const links: Partial<Record<LinkKind, number>> = {};
  let steps = 0;
  let checked = 0;
  let total = 0;
  let codeBlocks = 0;
  let contacts = 0;
  for (const node of walk(runbook.children)) {
    switch (node.kind) {
      case 'section': sections.push(node.title); break;
      case 'step': steps++; break;
      case 'checklist': total++; if (node.checked) checked++; break;
      case 'link': links[node.linkKind] = (links[node.linkKind] ?? 0) + 1; break;
      case 'code': codeBlocks++; break;
      case 'contact': contacts++; break;
      default: break;
    }
  }
  return { sections, steps, checklist: { checked, total }, links, codeBlocks, contacts };
}
