// Checks on what a call was given, done before any request so that a mistake costs nothing and leaks nothing.
import { OtsInputError } from './errors/kinds.ts';
import type { GenerateOptions, ShareOptions } from './options.ts';
import { parseTtl } from './ttl.ts';
import type { CreateInput } from './wire/api.ts';

export function checkSecret(secret: unknown, maxBytes: number): string {
  if (typeof secret !== 'string') {
    throw new OtsInputError(`secret: must be a string, got ${secret === null ? 'null' : typeof secret}.`, {
      field: 'secret',
    });
  }
  // Whitespace alone is no credential: OTS refuses it (422) and it almost always means an unset variable.
  if (secret.trim() === '') {
    throw new OtsInputError(
      `secret: is ${secret === '' ? 'empty' : 'only whitespace'}; there is nothing to share. Give a non-blank string.`,
      { field: 'secret' },
    );
  }
  // Old servers truncate silently; a cut-off credential is worse than an error.
  if (secret.length > maxBytes / 3) {
    const bytes = Buffer.byteLength(secret, 'utf8');
    if (bytes > maxBytes) {
      throw new OtsInputError(
        `secret: is ${bytes} bytes (UTF-8); the limit is ${maxBytes} bytes (maxSecretBytes). Nothing was sent.`,
        { field: 'secret' },
      );
    }
  }
  return secret;
}

export function checkPassphrase(passphrase: unknown): string | undefined {
  if (passphrase === undefined || passphrase === null || passphrase === '') return undefined;
  if (typeof passphrase !== 'string') {
    throw new OtsInputError('passphrase: must be a string.', { field: 'passphrase' });
  }
  return passphrase;
}

export function checkCreate(options: ShareOptions & GenerateOptions, hasAccount: boolean): CreateInput {
  const input: CreateInput = {};
  if (options.ttl !== undefined) input.ttl = parseTtl(options.ttl, 'ttl');
  const passphrase = checkPassphrase(options.passphrase);
  if (passphrase !== undefined) input.passphrase = passphrase;
  if (options.recipient !== undefined && options.recipient !== '') {
    if (typeof options.recipient !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.recipient)) {
      throw new OtsInputError('recipient: is not an email address.', { field: 'recipient' });
    }
    if (!hasAccount) {
      throw new OtsInputError('recipient: OTS only emails links for accounts; set username and apiToken.', {
        field: 'recipient',
      });
    }
    input.recipient = options.recipient;
  }
  if (options.shareDomain !== undefined && options.shareDomain !== '') {
    if (
      typeof options.shareDomain !== 'string' ||
      !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/i.test(options.shareDomain)
    ) {
      throw new OtsInputError(
        'shareDomain: must be a host name such as secrets.example.com, without https:// or a path.',
        { field: 'shareDomain' },
      );
    }
    input.shareDomain = options.shareDomain.toLowerCase();
  }
  if (options.length !== undefined) {
    if (!Number.isInteger(options.length) || options.length < 4 || options.length > 128) {
      throw new OtsInputError(`length: ${String(options.length)} is not a whole number from 4 to 128.`, {
        field: 'length',
      });
    }
    input.length = options.length;
  }
  return input;
}
