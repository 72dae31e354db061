import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../../../pulumi/provider/connection.ts';

function config(values: Record<string, string>) {
  return {
    get: (key: string) => values[key],
    require: (key: string) => values[key] ?? '',
  };
}

describe('connection settings', () => {
  it('come from OTS_* environment variables when the stack config has none', () => {
    const env = { OTS_BASE_URL: 'https://ots.example', OTS_USERNAME: 'me@example.com', OTS_API_TOKEN: 'tok' };
    expect(connectionOptions({ env })).toMatchObject({
      baseUrl: 'https://ots.example',
      username: 'me@example.com',
      apiToken: 'tok',
    });
  });

  it('prefer the stack config, taking destination and credentials each from one source as a whole', () => {
    const env = {
      OTS_BASE_URL: 'https://env.example',
      OTS_USERNAME: 'env@example.com',
      OTS_API_TOKEN: 'env-tok',
    };
    const options = connectionOptions({
      env,
      config: config({ 'ots-handoff:region': 'eu', 'ots-handoff:apiToken': 'config-tok' }),
    });
    expect(options.region).toBe('eu');
    expect(options.baseUrl).toBeUndefined();
    expect(options.apiToken).toBe('config-tok');
    expect(options.username).toBeUndefined();
  });

  it('read allowInsecureHttp as a boolean and refuse anything else by name', () => {
    expect(connectionOptions({ env: { OTS_ALLOW_INSECURE_HTTP: 'true' } }).allowInsecureHttp).toBe(true);
    expect(
      connectionOptions({ env: {}, config: config({ 'ots-handoff:allowInsecureHttp': 'false' }) })
        .allowInsecureHttp,
    ).toBe(false);
    expect(() => connectionOptions({ env: { OTS_ALLOW_INSECURE_HTTP: 'maybe' } })).toThrow(
      /OTS_ALLOW_INSECURE_HTTP must be true or false/,
    );
  });
});
