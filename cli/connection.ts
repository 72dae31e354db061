// Where to connect and as whom: flags first, then the OTS_* variables (core's fromEnv does the merge and checks).
import { OtsClient, type OtsClientOptions, OtsInputError } from '../core/index.ts';
import type { OptionSpec, ParsedValues } from './command.ts';
import { parseDurationMs } from './duration.ts';
import { readSmallSecretFile } from './input.ts';
import type { Sensitive } from './sensitive.ts';

export const CONNECTION_OPTIONS: Record<string, OptionSpec> = {
  'base-url': {
    type: 'string',
    value: 'URL',
    help: 'OTS server, e.g. https://eu.onetimesecret.com or https://host/ots (env OTS_BASE_URL)',
  },
  region: {
    type: 'string',
    value: 'REGION',
    help: 'us, eu, ca, nz or uk onetimesecret.com (env OTS_REGION)',
  },
  username: { type: 'string', value: 'EMAIL', help: 'account user, with an API token (env OTS_USERNAME)' },
  'api-token-file': {
    type: 'string',
    value: 'FILE',
    help: 'file holding the API token (env OTS_API_TOKEN); never taken from the command line',
  },
  'api-version': { type: 'string', value: 'VERSION', help: 'auto (default), v2 or v1 (env OTS_API_VERSION)' },
  'allow-insecure-http': { type: 'boolean', help: 'allow plain http:// to a host that is not loopback' },
  'request-timeout': { type: 'string', value: 'DURATION', help: 'deadline of each request (default 30s)' },
  retries: {
    type: 'string',
    value: 'N',
    help: 'extra attempts of idempotent reads, 0-10 (default 2); writes are never retried',
  },
};

export async function createClient(
  values: ParsedValues,
  env: Record<string, string | undefined>,
  sensitive: Sensitive,
): Promise<OtsClient> {
  const overrides: OtsClientOptions = {};
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const baseUrl = text('base-url');
  if (baseUrl !== undefined) overrides.baseUrl = baseUrl;
  const region = text('region');
  if (region !== undefined) overrides.region = region as OtsClientOptions['region'];
  const username = text('username');
  if (username !== undefined) overrides.username = username;
  const tokenFile = text('api-token-file');
  if (tokenFile !== undefined) overrides.apiToken = await readSmallSecretFile(tokenFile, '--api-token-file');
  const apiVersion = text('api-version');
  if (apiVersion !== undefined) overrides.apiVersion = apiVersion as OtsClientOptions['apiVersion'];
  if (values['allow-insecure-http'] === true) overrides.allowInsecureHttp = true;
  const timeout = text('request-timeout');
  if (timeout !== undefined) overrides.timeoutMs = parseDurationMs(timeout, '--request-timeout');
  const retries = text('retries');
  if (retries !== undefined) {
    if (!/^\d{1,2}$/.test(retries)) {
      throw new OtsInputError('--retries: must be a whole number from 0 to 10.', { field: 'retries' });
    }
    overrides.maxRetries = Number(retries);
  }
  sensitive.add(env.OTS_API_TOKEN, env.ONETIME_APIKEY, overrides.apiToken);
  return OtsClient.fromEnv(env, overrides);
}
