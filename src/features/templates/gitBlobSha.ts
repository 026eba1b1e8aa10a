import { createHash } from 'node:crypto';

/** `git hash-object`: the blob SHA GitHub shows for a file with these bytes, so a local copy and a fetched one compare. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
