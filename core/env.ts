// OtsClient.fromEnv: the OTS_* variables as client options; explicit overrides win. The ONETIME_HOST /
// ONETIME_CUSTID / ONETIME_APIKEY names of the older OTS clients are read when the OTS_* ones are absent.
import { OtsInputError } from './errors/kinds.ts';
import type { OtsClientOptions } from './options.ts';
import { API_VERSIONS, type ApiVersion } from './rules.ts';

export function optionsFromEnv(
  env: Record<string, string | undefined>,
  overrides: OtsClientOptions = {},
): OtsClientOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const options: OtsClientOptions = { env };
  // Where to connect is one decision: an override of either kind replaces both variables.
  if (overrides.baseUrl === undefined && overrides.region === undefined) {
    const region = read('OTS_REGION');
    const baseUrl = read('OTS_BASE_URL') ?? (region === undefined ? read('ONETIME_HOST') : undefined);
    if (baseUrl !== undefined) options.baseUrl = baseUrl;
    if (region !== undefined) options.region = region.toLowerCase() as OtsClientOptions['region'];
  }
  // Credentials come as a pair from one naming scheme, never half from each.
  const modern = read('OTS_USERNAME') !== undefined || read('OTS_API_TOKEN') !== undefined;
  const username = modern ? read('OTS_USERNAME') : read('ONETIME_CUSTID');
  const apiToken = modern ? read('OTS_API_TOKEN') : read('ONETIME_APIKEY');
  if (username !== undefined) options.username = username;
  if (apiToken !== undefined) options.apiToken = apiToken;
  const apiVersion = read('OTS_API_VERSION');
  if (apiVersion !== undefined) {
    const version = apiVersion.toLowerCase();
    if (!(API_VERSIONS as readonly string[]).includes(version)) {
      throw new OtsInputError(
        `OTS_API_VERSION: ${JSON.stringify(apiVersion)} is not one of ${API_VERSIONS.join(', ')}.`,
        {
          field: 'OTS_API_VERSION',
        },
      );
    }
    options.apiVersion = version as ApiVersion;
  }
  return { ...options, ...definedOnly(overrides) };
}

function definedOnly(options: OtsClientOptions): OtsClientOptions {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) if (value !== undefined) out[name] = value;
  return out as OtsClientOptions;
}
