// OtsClientOptions → a checked configuration. Every mistake is reported here, before any request.

import type { Dispatcher } from 'undici';
import { type Endpoint, resolveEndpoint } from './base-url.ts';
import { OtsInputError } from './errors/kinds.ts';
import { checkTimeoutMs } from './http/timeout.ts';
import { DEFAULT_USER_AGENT } from './http/user-agent.ts';
import type { OtsClientOptions } from './options.ts';
import { API_VERSIONS, type ApiVersion, RULES } from './rules.ts';

export interface ClientConfig {
  endpoint: Endpoint;
  apiVersion: ApiVersion;
  authorization?: string | undefined;
  apiToken?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxSecretBytes: number;
  userAgent: string;
  dispatcher?: Dispatcher | undefined;
  env: Record<string, string | undefined>;
}

export function resolveConfig(options: OtsClientOptions = {}): ClientConfig {
  const endpoint = resolveEndpoint(options);
  const apiVersion = options.apiVersion ?? RULES.apiVersion.default;
  if (!(API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw new OtsInputError(
      `apiVersion: ${JSON.stringify(apiVersion)} is not one of ${API_VERSIONS.join(', ')}.`,
      {
        field: 'apiVersion',
      },
    );
  }
  const username = blankToUndefined(options.username, 'username');
  const apiToken = blankToUndefined(options.apiToken, 'apiToken');
  if ((username === undefined) !== (apiToken === undefined)) {
    const missing = username === undefined ? 'username' : 'apiToken';
    throw new OtsInputError(
      `${missing}: missing. Give both username and apiToken for an account, or neither for anonymous use.`,
      { field: missing },
    );
  }
  if (username?.includes(':')) {
    throw new OtsInputError('username: must not contain ":" (HTTP Basic cannot carry it).', {
      field: 'username',
    });
  }
  return {
    endpoint,
    apiVersion,
    authorization:
      username === undefined
        ? undefined
        : `Basic ${Buffer.from(`${username}:${apiToken}`).toString('base64')}`,
    apiToken,
    timeoutMs: checkTimeoutMs(options.timeoutMs, RULES.timeoutMs.default),
    maxRetries: wholeNumber(options.maxRetries, 'maxRetries', RULES.maxRetries.default, RULES.maxRetries.max),
    maxSecretBytes: positiveInteger(options.maxSecretBytes, 'maxSecretBytes', RULES.maxSecretBytes.default),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    dispatcher: options.dispatcher,
    env: options.env ?? process.env,
  };
}

// Whitespace-only counts as unset (an empty CI secret often arrives as " " or "\n"), so it is reported as
// half a credential instead of being sent and answered with 401.
function blankToUndefined(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new OtsInputError(`${name}: must be a string.`, { field: name });
  return value.trim() === '' ? undefined : value;
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new OtsInputError(`${name}: ${String(value)} is not a positive whole number.`, { field: name });
  }
  return value;
}

function wholeNumber(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new OtsInputError(`${name}: ${String(value)} is not a whole number from 0 to ${max}.`, {
      field: name,
    });
  }
  return value;
}
