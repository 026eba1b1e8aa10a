import * as vscode from 'vscode';

/**
 * The incident a command was invoked on: the Incident view's row (`{ type: 'incident', entry: { uri } }`),
 * a URI, or the `uri` of an argument object (a URI or its string). Undefined: none named, so the current one.
 */
export function incidentFromArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { type, entry, uri } = arg as { type?: unknown; entry?: { uri?: unknown }; uri?: unknown };
  if (type === 'incident' && entry?.uri instanceof vscode.Uri) return entry.uri;
  if (uri instanceof vscode.Uri) return uri;
  if (typeof uri === 'string' && uri.trim()) {
    try {
      return vscode.Uri.parse(uri.trim(), true);
    } catch {
      throw new Error(`uri: "${uri.trim()}" is not a URI; give the record's URI, such as file:///…/incidents/2026-03-01-1405-title.md`);
    }
  }
  return undefined;
}

/**
 * A command's argument object (automation: never prompts), or undefined when the command was
 * run from the palette, a view's button or a row (a person: prompts; rows pass elements with a `type`).
 * An object with a field the command does not know is refused, naming it: a typo never opens a prompt.
 */
export function argumentObject(arg: unknown, fields: readonly string[]): Readonly<Record<string, unknown>> | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri || Array.isArray(arg)) return undefined;
  if ('type' in arg || Object.keys(arg).length === 0) return undefined;
  const unknown = Object.keys(arg).filter((key) => !fields.includes(key));
  if (unknown.length) throw new Error(`${unknown[0]}: not a field of this command; its fields are ${fields.join(', ')}`);
  return arg as Record<string, unknown>;
}
