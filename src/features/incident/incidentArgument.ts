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
  if (typeof uri === 'string' && uri.trim()) return vscode.Uri.parse(uri.trim(), true);
  return undefined;
}

/**
 * A command's argument object (automation: never prompts), or undefined when the command was
 * run from the palette, a view's button or a row (a person: prompts). An object counts only
 * when it holds one of the command's `fields`, since buttons and rows pass arguments of their own.
 */
export function argumentObject(arg: unknown, fields: readonly string[]): Readonly<Record<string, unknown>> | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri || Array.isArray(arg)) return undefined;
  if ('type' in arg && 'entry' in arg) return undefined;
  return fields.some((f) => f in arg) ? (arg as Record<string, unknown>) : undefined;
}
