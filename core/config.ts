// OtsClientOptions → a checked configuration. Every mistake is reported here, before any request.
// OtsClient.fromEnv: the OTS_* variables as client options; explicit overrides win. The ONETIME_HOST /
// ONETIME_CUSTID / ONETIME_APIKEY names of the older OTS clients are read when the OTS_* ones are absent.
import { resolveEndpoint } from './base-url.ts';
import { checkTimeoutMs } from './http/timeout.ts';
import { DEFAULT_USER_AGENT } from './http/user-agent.ts';
import { checkWhole, type InputProblem, invalid, problemsOf } from './inputs.ts';
import type { OtsClientOptions } from './options.ts';
import { API_VERSIONS, RULES } from './rules.ts';

export type ClientConfig = ReturnType<typeof resolveConfig>;

export function resolveConfig(options: OtsClientOptions = {}) {
  const endpoint = resolveEndpoint(options);
  const apiVersion = checkApiVersion(options.apiVersion ?? RULES.apiVersion.default, 'apiVersion');
  const username = blankToUndefined(options.username, 'username');
  const apiToken = blankToUndefined(options.apiToken, 'apiToken');
  if ((username === undefined) !== (apiToken === undefined)) {
    const missing = username === undefined ? 'username' : 'apiToken';
    throw invalid(
      missing,
      'missing. Give both username and apiToken for an account, or neither for anonymous use.',
    );
  }
  if (username?.includes(':')) {
    throw invalid('username', 'must not contain ":" (HTTP Basic cannot carry it).');
  }
  return {
    ...endpoint,
    apiVersion,
    authorization: username && `Basic ${Buffer.from(`${username}:${apiToken}`).toString('base64')}`,
    apiToken,
    timeoutMs: checkTimeoutMs(options.timeoutMs, RULES.timeoutMs.default),
    maxRetries: checkWhole('maxRetries', options.maxRetries, RULES.maxRetries.default),
    maxSecretBytes: checkWhole('maxSecretBytes', options.maxSecretBytes, RULES.maxSecretBytes.default),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    dispatcher: options.dispatcher,
    env: options.env ?? process.env,
  };
}

/** Every problem of new OtsClient(options) (resolveConfig stops at the first, so each rule is run on its own). */
export function validateClientOptions(options: OtsClientOptions = {}): InputProblem[] {
  const { region, baseUrl, allowInsecureHttp, username, apiToken, ...rest } = options;
  const only = (part: OtsClientOptions) => () => resolveConfig(part);
  return problemsOf(
    only({ region, baseUrl, allowInsecureHttp }),
    only({ username, apiToken }),
    ...Object.entries(rest).map(([name, value]) => only({ [name]: value })),
  );
}

/** `value` as an API version; `field` names it as the caller gave it (an option or OTS_API_VERSION). */
function checkApiVersion(value: string, field: string) {
  const version = API_VERSIONS.find((v) => v === value);
  if (version !== undefined) return version;
  throw invalid(field, `${JSON.stringify(value)} is not one of ${API_VERSIONS.join(', ')}.`);
}

// Whitespace-only counts as unset (an empty CI secret often arrives as " " or "\n"), so it is reported as
// half a credential instead of being sent and answered with 401.
function blankToUndefined(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, 'must be a string.');
  return value.trim() === '' ? undefined : value;
}

export function optionsFromEnv(env: Record<string, string | undefined>, overrides: OtsClientOptions = {}) {
  const read = (name: string) => env[name]?.trim() || undefined;
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
