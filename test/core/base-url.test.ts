import { describe, expect, it } from 'vitest';
import { isLoopback, resolveEndpoint } from '../../core/base-url.ts';
import { OtsInputError } from '../../core/errors/kinds.ts';

describe('resolveEndpoint', () => {
  it('maps a region to its onetimesecret.com host, us by default', () => {
    expect(resolveEndpoint({}).baseUrl).toBe('https://us.onetimesecret.com');
    expect(resolveEndpoint({ region: 'eu' })).toEqual({
      origin: 'https://eu.onetimesecret.com',
      prefix: '',
      baseUrl: 'https://eu.onetimesecret.com',
    });
  });

  it('refuses an unknown region and region together with baseUrl', () => {
    expect(() => resolveEndpoint({ region: 'mars' })).toThrow(
      /region: "mars" is not a region; use one of us, eu/,
    );
    expect(() => resolveEndpoint({ region: 'eu', baseUrl: 'https://x.test' })).toThrow(/set one, not both/);
  });

  it.each([
    ['https://secrets.example.com', 'https://secrets.example.com', ''],
    ['https://secrets.example.com/', 'https://secrets.example.com', ''],
    ['https://secrets.example.com:8443/ots/', 'https://secrets.example.com:8443', '/ots'],
    ['https://secrets.example.com/ots//', 'https://secrets.example.com', '/ots'],
    ['https://secrets.example.com/api/v1', 'https://secrets.example.com', ''],
    ['http://127.0.0.1:7143', 'http://127.0.0.1:7143', ''],
    ['http://localhost:3000/x/api', 'http://localhost:3000', '/x'],
    ['http://[::1]:3000', 'http://[::1]:3000', ''],
  ])('normalizes %s', (input, origin, prefix) => {
    expect(resolveEndpoint({ baseUrl: input })).toEqual({ origin, prefix, baseUrl: origin + prefix });
  });

  it('refuses plain http to a remote host unless allowInsecureHttp', () => {
    expect(() => resolveEndpoint({ baseUrl: 'http://secrets.example.com' })).toThrow(OtsInputError);
    expect(() => resolveEndpoint({ baseUrl: 'http://10.0.0.5:7143' })).toThrow(/allowInsecureHttp: true/);
    // A subdomain of localhost is looked up in DNS like any other name.
    expect(() => resolveEndpoint({ baseUrl: 'http://evil.localhost:1' })).toThrow(/allowInsecureHttp: true/);
    expect(resolveEndpoint({ baseUrl: 'http://10.0.0.5:7143', allowInsecureHttp: true }).origin).toBe(
      'http://10.0.0.5:7143',
    );
  });

  it.each([
    ['not a url', /baseUrl: not a URL/],
    ['ftp://x.test', /ftp: is not supported/],
    ['https://user:pw@x.test', /must not contain credentials/],
    ['https://x.test/?a=1', /query or fragment/],
  ])('refuses %s', (input, message) => {
    expect(() => resolveEndpoint({ baseUrl: input })).toThrow(message);
  });
});

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1'])('%s is', (h) => {
    expect(isLoopback(h)).toBe(true);
  });
  it.each([
    '128.0.0.1',
    '10.0.0.1',
    'localhost.example.com',
    'app.localhost',
    'evil.localhost',
    'localhost.',
    '[::2]',
    'example.com',
    '0.0.0.0',
  ])('%s is not', (h) => {
    expect(isLoopback(h)).toBe(false);
  });
});
