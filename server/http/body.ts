import type { IncomingMessage } from 'node:http';

export const BODY_LIMIT = 1024 * 1024;
// Past this much discarded input the client is not going to stop; answer and hang up.
const DISCARD_LIMIT = 16 * BODY_LIMIT;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads the whole request body up to `limit`. An oversized body is drained (not stored) so the
 * client, still busy writing, can read the 413 instead of seeing a reset.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DISCARD_LIMIT) settle({ ok: false, reason: 'too-large' });
    });
    req.on('end', () =>
      settle(size > limit ? { ok: false, reason: 'too-large' } : { ok: true, body: Buffer.concat(chunks) }),
    );
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
