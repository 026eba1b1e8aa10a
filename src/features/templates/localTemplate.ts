import * as vscode from 'vscode';
import type { TemplateOrigin } from '../../core/templates/templateSource';

/**
 * Where a template path points: `/x` from the workspace folder's root; the setting relative to the
 * workspace folder (as it always was); a runbook's link relative to the runbook's folder. Refused when
 * it leads outside the workspace folder.
 */
export function templateFile(path: string, origin: TemplateOrigin, folder: vscode.WorkspaceFolder, runbookUri: vscode.Uri | undefined): vscode.Uri {
  const base = path.startsWith('/') || origin === 'setting' || !runbookUri ? folder.uri : vscode.Uri.joinPath(runbookUri, '..');
  const segments = path.split('/').filter(Boolean).map(decodeLinkSegment);
  const uri = vscode.Uri.joinPath(base, ...segments);
  const root = folder.uri.path.replace(/\/+$/, '');
  if (!uri.path.startsWith(`${root}/`)) throw new Error(`"${path}" leads outside the workspace folder ${folder.name}; use a path inside it.`);
  return uri;
}

/** A Markdown link writes a space as %20; a setting writes it as is. */
function decodeLinkSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
