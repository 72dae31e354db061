// A server or proxy that quotes the request back in its error: the secret and passphrase come back form-encoded,
// URL-encoded, JSON-escaped or base64, and none of those spellings may reach message, cause, stack or inspect.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { isOtsError } from '../../../core/errors/ots-error.ts';
import { sensitiveForms } from '../../../core/errors/redact.ts';
import { type ScriptedServer, startScriptedServer } from '../../hostile/support/scripted-server.ts';

const SECRET = 'db-pass: Zq8!x&y "quoted" ~(tilde)\nsecond-line-of-it/+=';
const PASSPHRASE = 'pass phrase%2F&=é';

/** Every spelling a test looks for: independent of the code under test, written out by hand here. */
function spellings(value: string): string[] {
  const out = [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value).toString('base64'),
    // Two bytes before it shift its base64 spelling; the middle does not depend on its neighbours.
    Buffer.from(`xx${value}`).toString('base64').slice(4, -4),
  ];
  for (const line of value.split('\n')) if (line.length >= 4) out.push(line, encodeURIComponent(line));
  return out;
}

/** The secret as the server received it, over v1 (form) or v2 (JSON). */
function sentSecret(body: string): string {
  return body.startsWith('{')
    ? (JSON.parse(body) as { secret: { secret: string } }).secret.secret
    : (new URLSearchParams(body).get('secret') ?? '');
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({}));
});
afterAll(() => server.close());

const echoes: Array<[string, (body: string) => unknown]> = [
  ['the raw request body', (body) => ({ message: `bad request: ${body}` })],
  [
    'the secret base64-encoded, inside a longer text',
    (body) => ({ message: `req=${Buffer.from(`xx${sentSecret(body)}`).toString('base64')}` }),
  ],
  ['the body JSON-quoted', (body) => ({ message: JSON.stringify({ got: body }) })],
];

describe('redaction of every encoding', () => {
  for (const apiVersion of ['v1', 'v2'] as const) {
    for (const [what, echo] of echoes) {
      it(`${apiVersion}: a 422 that quotes ${what} shows neither secret nor passphrase`, async () => {
        server.script = (request) => ({ status: 422, body: echo(request.body) });
        const client = new OtsClient({ baseUrl: server.url, apiVersion, timeoutMs: 2_000 });
        const error = await client.share(SECRET, { passphrase: PASSPHRASE }).catch((e: unknown) => e);
        await client.close();
        expect(isOtsError(error)).toBe(true);
        const channels = [
          (error as Error).message,
          String((error as Error).stack),
          inspect(error, { depth: 5 }),
          JSON.stringify(error),
        ].join('\n');
        for (const value of [SECRET, PASSPHRASE]) {
          for (const spelling of spellings(value)) expect(channels).not.toContain(spelling);
        }
      });
    }
  }

  it('lists the encoded spellings of a value for masking, lines included', () => {
    const forms = sensitiveForms(SECRET);
    for (const spelling of spellings(SECRET)) {
      expect(forms.some((form) => form.includes(spelling) || spelling.includes(form))).toBe(true);
    }
  });
});
