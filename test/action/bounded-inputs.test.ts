// Inputs that could hang the step, exhaust memory or send the wrong key are refused before any request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionInputError, describeError } from '../../action/errors.ts';
import { type InputName, readSettings } from '../../action/inputs.ts';
import { OtsClient } from '../../core/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ots-bounded-'));
const KEY = 'a'.repeat(31);

function inputError(inputs: Partial<Record<InputName, string>>): ActionInputError {
  try {
    readSettings((name) => inputs[name] ?? '');
  } catch (error) {
    if (error instanceof ActionInputError) return error;
    throw error;
  }
  throw new Error('readSettings accepted the inputs');
}

describe('secret-file', () => {
  it.skipIf(process.platform === 'win32')('refuses a FIFO nobody writes to, without waiting on it', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(inputError({ 'secret-file': fifo }).message).toMatch(/is not a regular file/);
  });

  it.skipIf(process.platform === 'win32')('refuses /dev/zero without reading it', () => {
    expect(inputError({ 'secret-file': '/dev/zero' }).message).toMatch(/is not a regular file/);
  });

  it('refuses a directory', () => {
    expect(inputError({ 'secret-file': dir }).message).toMatch(/is not a regular file|EISDIR/);
  });
});

describe('receipt-key', () => {
  it.each(['burn', 'status'])('%s refuses a secret link before any request', (operation) => {
    const error = inputError({ operation, 'receipt-key': `https://us.onetimesecret.com/secret/${KEY}` });
    expect(error.input).toBe('receipt-key');
    expect(error.message).toMatch(/secret link/);
    expect(error.message).not.toContain(KEY);
  });

  it('accepts a receipt link', () => {
    expect(
      readSettings((name) =>
        name === 'operation' ? 'status' : name === 'receipt-key' ? `https://h.example/receipt/${KEY}` : '',
      ),
    ).toMatchObject({ receiptKey: KEY });
  });
});

describe('messages about core options', () => {
  it('quote the input name once', () => {
    let error: unknown;
    try {
      new OtsClient({ username: 'ops:team', apiToken: 'tok' });
    } catch (e) {
      error = e;
    }
    const message = describeError(error, 'share');
    expect(message).toMatch(/^Input "username": /);
    expect(message).not.toContain('""');
  });
});
