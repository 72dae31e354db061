import { isOtsError, OtsClient, type OtsClientOptions, type OtsError } from '../../core/index.ts';
import type { ProviderContext } from '../serialized-provider.ts';

// Connection settings are read here, each time a provider method runs, never captured at program time: a token
// captured into the serialized provider would sit in state in clear, and credentials rotated since the last
// `up` must still work for `refresh` and `destroy`.
// Precedence: stack config (`pulumi config set ots-handoff:baseUrl …`), then OTS_* environment variables. Each
// group below is taken from one source as a whole, so the destination (baseUrl or region) is never half config,
// and a config username is never paired with an environment token that belongs to another account.
const GROUPS = [
  { baseUrl: 'OTS_BASE_URL', region: 'OTS_REGION' },
  { username: 'OTS_USERNAME', apiToken: 'OTS_API_TOKEN' },
  { apiVersion: 'OTS_API_VERSION' },
  { timeoutMs: 'OTS_TIMEOUT_MS' },
  { allowInsecureHttp: 'OTS_ALLOW_INSECURE_HTTP' },
];

// Settings that are not plain text; `source` names where the value came from, for the error.
const PARSE: Record<string, (value: string, source: string) => unknown> = {
  // Checked by the client (a positive whole number of milliseconds); a non-number fails there, naming timeoutMs.
  timeoutMs: (value) => (/^\d+$/.test(value) ? Number(value) : value),
  allowInsecureHttp: (value, source) => {
    if (/^(true|1|yes)$/i.test(value)) return true;
    if (/^(false|0|no)$/i.test(value)) return false;
    throw new Error(`ots-handoff: ${source} must be true or false, not ${JSON.stringify(value)}`);
  },
};

// Blank counts as unset, as an empty config value or variable usually means one that was never filled in.
const nonEmpty = (value: unknown) => String(value ?? '').trim() || undefined;

export function connectionOptions(context: ProviderContext): OtsClientOptions {
  const env = context.env ?? process.env;
  const config = (key: string) => nonEmpty(context.config?.get(`ots-handoff:${key}`));
  const options: Record<string, unknown> = { userAgent: 'ots-handoff-pulumi' };
  // Proxy variables come from the same environment as the OTS_* ones.
  if (context.env !== undefined) options.env = context.env;
  for (const group of GROUPS) {
    const fromConfig = Object.keys(group).some((key) => config(key) !== undefined);
    for (const [key, variable] of Object.entries(group)) {
      const value = fromConfig ? config(key) : nonEmpty(env[variable]);
      const parse = PARSE[key] ?? String;
      if (value !== undefined) options[key] = parse(value, fromConfig ? `ots-handoff:${key}` : variable);
    }
  }
  return options as OtsClientOptions;
}

/**
 * A client for the configured server, or for the server a secret was created on. When the configuration now points
 * elsewhere, the configured credentials belong to another server and are not sent: burn and receipt work with the
 * receipt key alone.
 */
export async function clientFor(context: ProviderContext, baseUrl?: string): Promise<OtsClient> {
  const options = connectionOptions(context);
  const configured = new OtsClient(options);
  if (baseUrl === undefined || configured.baseUrl === baseUrl) return configured;
  await configured.close();
  const { region: _region, username: _username, apiToken: _apiToken, ...anonymous } = options;
  return new OtsClient({ ...anonymous, baseUrl });
}

// The host passes only `message` on to the engine, so the message has to say what failed and what to check.
// OtsError messages are safe to repeat (no secrets, keys shortened); anything else is reduced to its message.
const HINTS: Partial<Record<OtsError['code'], string>> = {
  unauthorized:
    'Check the credentials: ots-handoff:username and ots-handoff:apiToken in the stack config, or OTS_USERNAME and OTS_API_TOKEN.',
  network:
    'Check ots-handoff:baseUrl / ots-handoff:region (or OTS_BASE_URL / OTS_REGION) and that the server is reachable.',
  timeout: 'The server did not answer in time; run the command again once it is reachable.',
  rate_limited: 'The server is rate limiting this account; wait and run the command again.',
  server_error: 'The OTS server failed; run the command again later.',
};

export function providerFailure(action: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  if (!isOtsError(error)) return new Error(`ots-handoff: ${action} failed: ${reason}`);
  const hint = HINTS[error.code];
  const failure = new Error(
    `ots-handoff: ${action} failed (${error.code}): ${reason}${hint ? ` ${hint}` : ''}`,
  );
  return Object.defineProperty(failure, 'code', { value: error.code, enumerable: true });
}
