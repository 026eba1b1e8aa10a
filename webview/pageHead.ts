// The <head> every webview page shares: a strict policy where only what carries the page's nonce runs or styles.
import { type Html, html } from '../src/core/htmlTemplate';

export interface PageResources {
  /** A fresh random nonce per page: the only scripts and styles that run carry it. */
  readonly nonce: string;
  /** The webview's `cspSource`. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function pageHead(resources: PageResources, title: string): Html {
  const { nonce, cspSource } = resources;
  const csp = `default-src 'none'; img-src ${cspSource}; font-src ${cspSource}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return html`<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${resources.styleUri}" nonce="${nonce}">
  <title>${title}</title>
</head>`;
}
