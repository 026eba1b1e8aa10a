import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

/** A fetched template as kept in global storage: revalidated with its ETag, used as is when offline. */
export interface CachedTemplate {
  readonly url: string;
  readonly etag?: string;
  readonly sha?: string;
  readonly text: string;
  /** ISO 8601: when the text was last fetched or confirmed unchanged. */
  readonly fetchedAt: string;
}

/** `<globalStorage>/templates/<sha256 of the source URL>.json`, one file per template. */
export class TemplateCache {
  constructor(private readonly storage: vscode.Uri) {}

  async get(url: string): Promise<CachedTemplate | undefined> {
    try {
      const entry = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file(url)))) as Partial<CachedTemplate>;
      return entry.url === url && typeof entry.text === 'string' && typeof entry.fetchedAt === 'string' ? (entry as CachedTemplate) : undefined;
    } catch {
      // None yet, or unreadable: as if never fetched.
      return undefined;
    }
  }

  async put(entry: CachedTemplate): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.storage, 'templates'));
    await vscode.workspace.fs.writeFile(this.file(entry.url), new TextEncoder().encode(JSON.stringify(entry)));
  }

  private file(url: string): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'templates', `${createHash('sha256').update(url).digest('hex')}.json`);
  }
}
