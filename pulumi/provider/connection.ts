import { OtsClient, type OtsClientOptions } from '../../core/index.ts';
import type { ProviderContext } from '../provider-protocol.ts';

// Connection settings are read here, each time a provider method runs, never captured at program time: a token
// captured into the serialized provider would sit in state in clear, and credentials rotated since the last
// `up` must still work for `refresh` and `destroy`.
// Precedence: stack config (`pulumi config set ots-handoff:baseUrl …`), then OTS_* environment variables. The
// destination (baseUrl or region) and the credential pair are each taken from one source as a whole, so a
// config username is never paired with an environment token that belongs to another account.

const NAMESPACE = 'ots-handoff';

type Get = (key: string) => string | undefined;

export function connectionOptions(context: ProviderContext): OtsClientOptions {
  const env = context.env ?? process.env;
  const config: Get = (key) => nonEmpty(context.config?.get(`${NAMESPACE}:${key}`));
  const fromEnv: Get = (name) => nonEmpty(env[name]);

  const options: OtsClientOptions = { userAgent: 'ots-handoff-pulumi' };
  // Proxy variables come from the same environment as the OTS_* ones.
  if (context.env !== undefined) options.env = context.env;
  if (config('baseUrl') !== undefined || config('region') !== undefined) {
    assign(options, 'baseUrl', config('baseUrl'));
    assign(options, 'region', config('region') as OtsClientOptions['region']);
  } else {
    assign(options, 'baseUrl', fromEnv('OTS_BASE_URL'));
    assign(options, 'region', fromEnv('OTS_REGION') as OtsClientOptions['region']);
  }
  if (config('username') !== undefined || config('apiToken') !== undefined) {
    assign(options, 'username', config('username'));
    assign(options, 'apiToken', config('apiToken'));
  } else {
    assign(options, 'username', fromEnv('OTS_USERNAME'));
    assign(options, 'apiToken', fromEnv('OTS_API_TOKEN'));
  }
  const apiVersion = config('apiVersion') ?? fromEnv('OTS_API_VERSION');
  assign(options, 'apiVersion', apiVersion as OtsClientOptions['apiVersion']);
  const timeout = config('timeoutMs') ?? fromEnv('OTS_TIMEOUT_MS');
  if (timeout !== undefined) {
    // Checked by the client (a positive whole number of milliseconds); a non-number fails there, naming timeoutMs.
    options.timeoutMs = /^\d+$/.test(timeout) ? Number(timeout) : (timeout as unknown as number);
  }
  const insecure = config('allowInsecureHttp') !== undefined;
  const allowInsecureHttp = insecure ? config('allowInsecureHttp') : fromEnv('OTS_ALLOW_INSECURE_HTTP');
  if (allowInsecureHttp !== undefined) {
    options.allowInsecureHttp = parseBoolean(
      allowInsecureHttp,
      insecure ? `${NAMESPACE}:allowInsecureHttp` : 'OTS_ALLOW_INSECURE_HTTP',
    );
  }
  return options;
}

/** True when stack config or OTS_* variables name a server (baseUrl or region), rather than the default one. */
export function namesServer(context: ProviderContext): boolean {
  const options = connectionOptions(context);
  return options.baseUrl !== undefined || options.region !== undefined;
}

/** A client for the configured server (create, diff). */
export function configuredClient(context: ProviderContext): OtsClient {
  return new OtsClient(connectionOptions(context));
}

/**
 * A client for the server a secret was created on. When the configuration now points elsewhere, the configured
 * credentials belong to another server and are not sent: burn and receipt work with the receipt key alone.
 */
export async function clientAt(baseUrl: string, context: ProviderContext): Promise<OtsClient> {
  const options = connectionOptions(context);
  const configured = new OtsClient(options);
  if (configured.baseUrl === baseUrl) return configured;
  await configured.close();
  const anonymous: OtsClientOptions = { baseUrl, userAgent: options.userAgent ?? 'ots-handoff-pulumi' };
  assign(anonymous, 'apiVersion', options.apiVersion);
  assign(anonymous, 'allowInsecureHttp', options.allowInsecureHttp);
  assign(anonymous, 'timeoutMs', options.timeoutMs);
  assign(anonymous, 'env', options.env);
  return new OtsClient(anonymous);
}

function nonEmpty(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function parseBoolean(value: string, name: string): boolean {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new Error(`ots-handoff: ${name} must be true or false, not ${JSON.stringify(value)}`);
}

function assign<K extends keyof OtsClientOptions>(
  options: OtsClientOptions,
  key: K,
  value: OtsClientOptions[K] | undefined,
): void {
  if (value !== undefined) options[key] = value;
}
