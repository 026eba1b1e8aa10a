/**
 * Minimal types for `rison-node` (untyped CommonJS): only what `timeWindow.ts` uses.
 * Rison is JSON's data model written compactly for URLs; see https://github.com/w33ble/rison-node.
 */
declare module 'rison-node' {
  export type RisonValue = string | number | boolean | null | readonly RisonValue[] | { readonly [key: string]: RisonValue };

  /** Encodes a value as rison, e.g. `(time:(from:now-15m,to:now))`. Object keys come out sorted. */
  export function encode(value: RisonValue): string;

  /** Decodes rison text (already percent-decoded). Throws on malformed input, after logging it with console.log. */
  export function decode(text: string): RisonValue;

  /** The parser behind `decode`. Its `error` records `message` (which `parse` then hands to the handler) and logs it. */
  export class parser {
    constructor(errorHandler: (message: string, index: number) => void);
    message: string | null;
    parse(text: string): RisonValue | undefined;
    error(message: string): undefined;
  }
}
