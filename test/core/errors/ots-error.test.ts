import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  OtsInputError,
  OtsNotFoundError,
  OtsRateLimitError,
  OtsTimeoutError,
} from '../../../core/errors/kinds.ts';
import { isOtsError, OtsError } from '../../../core/errors/ots-error.ts';

describe('OtsError', () => {
  it('carries a stable code, a name per class and only the details given', () => {
    const error = new OtsRateLimitError('slow down', {
      status: 429,
      retryAfter: 3,
      method: 'GET',
      path: '/x',
    });
    expect(error.code).toBe('rate_limited');
    expect(error.name).toBe('OtsRateLimitError');
    expect(String(error)).toBe('OtsRateLimitError: slow down');
    expect(error.retryAfter).toBe(3);
    expect(Object.keys(error).sort()).toEqual(['code', 'method', 'path', 'retryAfter', 'status']);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'OtsRateLimitError',
      code: 'rate_limited',
      message: 'slow down',
      status: 429,
      retryAfter: 3,
      method: 'GET',
      path: '/x',
    });
  });

  it('supports instanceof for the base class and exactly its own subclass', () => {
    const error = new OtsNotFoundError('gone');
    expect(error).toBeInstanceOf(OtsError);
    expect(error).toBeInstanceOf(OtsNotFoundError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(OtsInputError);
    expect(new Error('plain')).not.toBeInstanceOf(OtsError);
  });

  it('is recognised when it comes from another copy of the package', async () => {
    // A second module instance, as in the Action bundle next to a user's own copy.
    const dir = mkdtempSync(join(tmpdir(), 'ots-copy-'));
    for (const file of ['ots-error.ts', 'kinds.ts']) {
      copyFileSync(fileURLToPath(new URL(`../../../core/errors/${file}`, import.meta.url)), join(dir, file));
    }
    const copy = (await import(
      pathToFileURL(join(dir, 'kinds.ts')).href
    )) as typeof import('../../../core/errors/kinds.ts');
    expect(copy.OtsTimeoutError).not.toBe(OtsTimeoutError);
    const foreign = new copy.OtsTimeoutError('late');
    expect(isOtsError(foreign)).toBe(true);
    expect(foreign).toBeInstanceOf(OtsError);
    expect(foreign).toBeInstanceOf(OtsTimeoutError);
    expect(foreign).not.toBeInstanceOf(OtsNotFoundError);
    expect(new OtsTimeoutError('late')).toBeInstanceOf(copy.OtsTimeoutError);
  });

  it('is recognised across realms by its Symbol.for brand', () => {
    const fromOtherRealm = runInNewContext(
      `const e = new Error('x'); Object.defineProperty(e, Symbol.for('ots-handoff.OtsError'), { value: true }); e.code = 'network'; e`,
    );
    expect(isOtsError(fromOtherRealm)).toBe(true);
    expect(isOtsError({ code: 'network' })).toBe(false);
    expect(isOtsError(null)).toBe(false);
    expect(isOtsError('network')).toBe(false);
  });

  it('keeps a cause when given one', () => {
    const cause = Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' });
    const error = new OtsTimeoutError('late', { cause });
    expect(error.cause).toBe(cause);
    expect(inspect(error)).toContain('UND_ERR_SOCKET');
  });
});
