import { describe, expect, it } from 'vitest';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { parseKey, parseKeyInput } from '../../core/key.ts';

const OLD = 'abcdefghijklmnopqrstuvwxyz01234'; // 31 chars, OTS ≤ v0.23
const NEW = 'a'.repeat(30) + '0123456789'.repeat(3) + 'zz'; // 62 chars, OTS ≥ v0.24

describe('parseKey', () => {
  it('accepts bare keys of both generations', () => {
    expect(OLD).toHaveLength(31);
    expect(NEW).toHaveLength(62);
    expect(parseKey(OLD)).toBe(OLD);
    expect(parseKey(` ${NEW}\n`)).toBe(NEW);
  });

  it.each([
    `https://onetimesecret.com/secret/${OLD}`,
    `https://eu.onetimesecret.com/secret/${OLD}/`,
    `http://127.0.0.1:7143/ots/secret/${OLD}?lang=en#top`,
    `https://secrets.example.com:8443/receipt/${OLD}`,
    `https://onetimesecret.com/private/${OLD}`,
    `https://onetimesecret.com/private/${OLD}/burn`,
    `https://onetimesecret.com/metadata/${OLD}`,
    `http://localhost:3000/api/v1/secret/${OLD}`,
    `onetimesecret.com/secret/${OLD}`,
  ])('finds the key in %s', (link) => {
    expect(parseKey(link)).toBe(OLD);
  });

  it('says what kind of key a link holds', () => {
    expect(parseKeyInput(`https://x.test/receipt/${NEW}`).kind).toBe('receipt');
    expect(parseKeyInput(`https://x.test/private/${NEW}`).kind).toBe('receipt');
    expect(parseKeyInput(`https://x.test/secret/${NEW}`).kind).toBe('secret');
    expect(parseKeyInput(NEW).kind).toBeUndefined();
  });

  it('refuses a receipt link where a secret link is needed, without printing the key', () => {
    expect(() => parseKeyInput(`https://x.test/receipt/${NEW}`, 'secret key or link', 'secret')).toThrow(
      /that is a receipt link \(key aaaa…\)/,
    );
  });

  it.each([
    ['', /a key or an OTS link is required/],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZ01234', /keys are lowercase/],
    ['abc-def', /not a valid OTS key/],
    [OLD.slice(0, 30), /has 30 characters.*cut off/],
    ['https://onetimesecret.com/', /no \/secret\/<key>/],
  ])('refuses %j', (input, message) => {
    expect(() => parseKey(input)).toThrow(OtsInputError);
    expect(() => parseKey(input)).toThrow(message);
  });

  it('never repeats a whole key in its errors', () => {
    try {
      parseKey(OLD.slice(0, 30) + 'x'.repeat(10));
    } catch (error) {
      expect((error as Error).message).not.toContain(OLD.slice(0, 30));
    }
  });
});
