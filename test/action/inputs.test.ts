import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionInputError } from '../../action/errors.ts';
import { type InputName, readSettings, type Settings, type ShareSettings } from '../../action/inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'ots-action-inputs-'));

function settings(inputs: Partial<Record<InputName, string>>): Settings {
  return readSettings((name) => inputs[name] ?? '');
}

function share(inputs: Partial<Record<InputName, string>>): ShareSettings {
  const parsed = settings(inputs);
  if (parsed.operation !== 'share') throw new Error(`expected a share, got ${parsed.operation}`);
  return parsed;
}

/** The ActionInputError readSettings throws for these inputs. */
function inputError(inputs: Partial<Record<InputName, string>>): ActionInputError {
  try {
    settings(inputs);
  } catch (error) {
    if (error instanceof ActionInputError) return error;
    throw error;
  }
  throw new Error('readSettings accepted the inputs');
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const RECEIPT_KEY = 'a'.repeat(31);

describe('what to share', () => {
  it('keeps the secret byte for byte, surrounding whitespace and line breaks included', () => {
    const parsed = share({ secret: '  two\nlines \n' });
    expect(parsed.request).toEqual({ secret: '  two\nlines \n' });
    expect(parsed.fromFile).toBe(false);
  });

  it('reads secret-file exactly, trailing newline included', () => {
    const path = file('password', 'hunter2-from-file\n');
    const parsed = share({ 'secret-file': path });
    expect(parsed.request).toEqual({ secret: 'hunter2-from-file\n' });
    expect(parsed.fromFile).toBe(true);
  });

  it('reads secret-file exactly, a leading byte-order mark included', () => {
    const path = file('bom', '\uFEFFhunter2-with-bom');
    expect(share({ 'secret-file': path }).request).toEqual({ secret: '\uFEFFhunter2-with-bom' });
  });

  it('takes generate: true with an optional length', () => {
    expect(share({ generate: 'true' }).request).toEqual({ generate: true });
    expect(share({ generate: 'true', length: '24' }).request).toEqual({ generate: true, length: 24 });
  });

  it.each([
    [{}, /exactly one of "secret".*none was given/],
    [{ secret: 'x', generate: 'true' }, /got "secret" and "generate: true"/],
    [{ secret: 'x', 'secret-file': '/tmp/x' }, /got "secret" and "secret-file"/],
  ])('asks for exactly one of secret, secret-file or generate (%j)', (inputs, message) => {
    const error = inputError(inputs);
    expect(error.input).toBe('secret | secret-file | generate');
    expect(error.message).toMatch(message);
  });

  it('names an unreadable, empty or binary secret-file without showing its content', () => {
    expect(inputError({ 'secret-file': join(dir, 'missing') }).message).toMatch(
      /^Input "secret-file": cannot read ".*missing" \(ENOENT\)/,
    );
    expect(inputError({ 'secret-file': file('empty', '') }).message).toMatch(/is empty/);
    const binary = inputError({ 'secret-file': file('binary', Buffer.from([0xff, 0xfe, 0x00, 0x41])) });
    expect(binary.message).toMatch(/is not UTF-8 text/);
  });

  it('refuses a value over 10000 bytes, counting bytes rather than characters', () => {
    expect(share({ secret: 'x'.repeat(10_000) }).request.secret).toHaveLength(10_000);
    const error = inputError({ secret: 'é'.repeat(5_001) });
    expect(error.input).toBe('secret');
    expect(error.message).toMatch(/is 10002 bytes \(UTF-8\); the limit is 10000 bytes/);
    expect(error.message).not.toContain('é');
  });

  it('accepts length only with generate, from 4 to 128', () => {
    expect(inputError({ secret: 'x', length: '20' }).input).toBe('length');
    for (const length of ['3', '129', '12.5', 'twelve', '-4']) {
      expect(inputError({ generate: 'true', length }).message).toMatch(/is not a whole number from 4 to 128/);
    }
  });
});

describe('share options', () => {
  it('turns ttl into seconds and names the input when it is not a TTL', () => {
    expect(share({ secret: 'x', ttl: '2h' }).request.ttl).toBe(7200);
    expect(share({ secret: 'x', ttl: '900' }).request.ttl).toBe(900);
    expect(share({ secret: 'x' }).request.ttl).toBeUndefined();
    const error = inputError({ secret: 'x', ttl: 'soon' });
    expect(error.input).toBe('ttl');
    expect(error.message).toMatch(/^Input "ttl": "soon" is not a valid TTL; use .*15m/);
  });

  it('rejects a passphrase with surrounding whitespace instead of trimming it', () => {
    expect(share({ secret: 'x', passphrase: 'correct horse' }).request.passphrase).toBe('correct horse');
    expect(inputError({ secret: 'x', passphrase: 'secret-pass\n' }).input).toBe('passphrase');
  });

  it('needs an account for recipient, and one email address', () => {
    expect(inputError({ secret: 'x', recipient: 'a@example.com' }).message).toMatch(/only for an account/);
    expect(inputError({ secret: 'x', recipient: 'not an address' }).input).toBe('recipient');
    const parsed = share({
      secret: 'x',
      recipient: 'a@example.com',
      username: 'u@example.com',
      'api-token': 't',
    });
    expect(parsed.request.recipient).toBe('a@example.com');
  });

  it('keeps the link out of comments and summaries when a recipient gets it by email', () => {
    const account = { username: 'u@example.com', 'api-token': 't', recipient: 'a@example.com', secret: 'x' };
    expect(inputError({ ...account, 'comment-on': '12' }).input).toBe('comment-on');
    expect(inputError({ ...account, 'summary-include-link': 'true' }).input).toBe('summary-include-link');
  });

  it('reads comment-on as an issue number and needs a github-token for it', () => {
    expect(share({ secret: 'x', 'comment-on': '#42', 'github-token': 'ghs_x' }).commentOn).toEqual({
      issue: 42,
      githubToken: 'ghs_x',
    });
    expect(inputError({ secret: 'x', 'comment-on': 'the PR', 'github-token': 'ghs_x' }).input).toBe(
      'comment-on',
    );
    expect(inputError({ secret: 'x', 'comment-on': '42' }).input).toBe('github-token');
  });

  it('checks share-domain is a bare domain', () => {
    expect(share({ secret: 'x', 'share-domain': 'Secrets.Example.com' }).request.shareDomain).toBe(
      'secrets.example.com',
    );
    expect(inputError({ secret: 'x', 'share-domain': 'https://secrets.example.com/' }).input).toBe(
      'share-domain',
    );
  });

  it('refuses receipt-key on a share', () => {
    expect(inputError({ secret: 'x', 'receipt-key': RECEIPT_KEY }).input).toBe('receipt-key');
  });

  const account = { username: 'u@example.com', 'api-token': 't' };
  it.each([
    ['recipients', 'recipient', { recipients: 'a@example.com', recipient: 'b@example.com' }],
    ['recipients', 'comment-on', { recipients: 'a@example.com', 'comment-on': '7' }],
    ['summary-include-link', 'recipients', { recipients: 'a@example.com', 'summary-include-link': 'true' }],
    ['comment-on', 'recipient', { recipient: 'b@example.com', 'comment-on': '7' }],
    ['summary-include-link', 'recipient', { recipient: 'b@example.com', 'summary-include-link': 'true' }],
  ] as const)('refuses %s together with %s', (input, other, inputs) => {
    const error = inputError({ secret: 'x', ...account, 'github-token': 'ghs_x', ...inputs });
    expect(error.input).toBe(input);
    expect(error.message).toMatch(
      new RegExp(`^Input "${input}": cannot be used with "${other}": .*recipient`),
    );
  });

  it.each([
    ['length', '20', 'generate: true'],
    ['wait-timeout', '1h', 'wait-for: received'],
    ['wait-interval', '10s', 'wait-for: received'],
    ['wait-fail-on-timeout', 'false', 'wait-for: received'],
  ] as const)('refuses %s (%s) without "%s"', (input, value, needs) => {
    const error = inputError({ secret: 'x', [input]: value });
    expect(error.message).toBe(`Input "${input}": is used only with "${needs}"; remove it.`);
  });
});

describe('connection', () => {
  it('keeps base-url and allow-insecure-http for the core client to check (tested in main.test.ts)', () => {
    expect(
      share({ secret: 'x', 'base-url': 'http://ots.internal', 'allow-insecure-http': 'true' }).connection,
    ).toEqual({
      baseUrl: 'http://ots.internal',
      apiVersion: 'auto',
      allowInsecureHttp: true,
      timeoutMs: 30_000,
      userAgent: 'ots-handoff-action',
    });
  });

  it('defaults to the us region, api-version auto, anonymous', () => {
    expect(share({ secret: 'x' }).connection).toEqual({
      region: 'us',
      apiVersion: 'auto',
      allowInsecureHttp: false,
      timeoutMs: 30_000,
      userAgent: 'ots-handoff-action',
    });
  });

  it('takes timeout-ms as whole milliseconds from 1000 to 600000', () => {
    expect(share({ secret: 'x', 'timeout-ms': '1500' }).connection.timeoutMs).toBe(1500);
    for (const bad of ['0', '999', '1.5', '600001', '10s']) {
      expect(inputError({ secret: 'x', 'timeout-ms': bad }).input).toBe('timeout-ms');
    }
  });

  it('asks for both halves of a credential, naming the missing one', () => {
    expect(inputError({ secret: 'x', username: 'u@example.com' }).input).toBe('api-token');
    expect(inputError({ secret: 'x', 'api-token': 'tok' }).input).toBe('username');
  });

  it.each([
    ['region', 'mars', /one of "us", "eu", "ca", "nz", "uk", got "mars"/],
    ['api-version', 'v3', /one of "auto", "v2", "v1"/],
    ['allow-insecure-http', 'yes', /expected "true" or "false", got "yes"/],
    ['summary', 'on', /expected "true" or "false"/],
  ] as const)('names %s when it is %j', (input, value, message) => {
    const error = inputError({ secret: 'x', [input]: value });
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });
});

describe('operations', () => {
  it('defaults to share and rejects unknown operations', () => {
    expect(settings({ secret: 'x' }).operation).toBe('share');
    const error = inputError({ operation: 'reveal', secret: 'x' });
    expect(error.input).toBe('operation');
    expect(error.message).toMatch(/"share", "burn", "status", got "reveal"/);
  });

  it('needs receipt-key for burn and status, as a key or a receipt URL', () => {
    expect(inputError({ operation: 'burn' }).message).toMatch(/^Input "receipt-key": operation "burn" needs/);
    expect(inputError({ operation: 'status' }).input).toBe('receipt-key');
    expect(
      settings({ operation: 'status', 'receipt-key': `https://eu.onetimesecret.com/receipt/${RECEIPT_KEY}` }),
    ).toMatchObject({ operation: 'status', receiptKey: RECEIPT_KEY });
    expect(inputError({ operation: 'burn', 'receipt-key': 'not a key!' }).input).toBe('receipt-key');
  });

  it('takes a passphrase for burn but not for status', () => {
    expect(
      settings({ operation: 'burn', 'receipt-key': RECEIPT_KEY, passphrase: 'pass-word' }),
    ).toMatchObject({
      passphrase: 'pass-word',
    });
    expect(inputError({ operation: 'status', 'receipt-key': RECEIPT_KEY, passphrase: 'pw' }).input).toBe(
      'passphrase',
    );
  });

  it.each([
    ['secret', 'x'],
    ['ttl', '1h'],
    ['generate', 'true'],
    ['burn-on-failure', 'true'],
    ['comment-on', '3'],
    // Read untrimmed, as on a share: whitespace alone is a value given, not silently ignored.
    ['secret', ' \n'],
    ['summary-include-link', 'true'],
    ['wait-fail-on-timeout', 'false'],
    ['recipients', 'a@example.com'],
  ] as const)('refuses the share-only input %s (%j) on burn and status', (input, value) => {
    for (const operation of ['burn', 'status']) {
      const error = inputError({ operation, 'receipt-key': RECEIPT_KEY, [input]: value });
      expect(error.input).toBe(input);
      expect(error.message).toBe(
        `Input "${input}": is used only by operation "share", not "${operation}"; remove it.`,
      );
    }
  });
});
