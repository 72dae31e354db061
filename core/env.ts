// OtsClient.fromEnv: the OTS_* variables as client options; explicit overrides win. The ONETIME_HOST /
// ONETIME_CUSTID / ONETIME_APIKEY names of the older OTS clients are read when the OTS_* ones are absent.
import { checkApiVersion } from './config.ts';
import type { OtsClientOptions } from './options.ts';

export function optionsFromEnv(
  env: Record<string, string | undefined>,
  overrides: OtsClientOptions = {},
): OtsClientOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const region = read('OTS_REGION');
  const apiVersion = read('OTS_API_VERSION')?.toLowerCase();
  // Credentials come as a pair from one naming scheme, never half from each.
  const modern = read('OTS_USERNAME') !== undefined || read('OTS_API_TOKEN') !== undefined;
  const options: OtsClientOptions = {
    env,
    username: read(modern ? 'OTS_USERNAME' : 'ONETIME_CUSTID'),
    apiToken: read(modern ? 'OTS_API_TOKEN' : 'ONETIME_APIKEY'),
    apiVersion: apiVersion === undefined ? undefined : checkApiVersion(apiVersion, 'OTS_API_VERSION'),
  };
  // Where to connect is one decision: an override of either kind replaces both variables.
  if (overrides.baseUrl === undefined && overrides.region === undefined) {
    options.region = region?.toLowerCase() as OtsClientOptions['region'];
    options.baseUrl = read('OTS_BASE_URL') ?? (region === undefined ? read('ONETIME_HOST') : undefined);
  }
  return { ...definedOnly(options), ...definedOnly(overrides) };
}

function definedOnly(options: OtsClientOptions): OtsClientOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
