import { OtsClient } from '../core/index.ts';
import type { Connection } from './inputs.ts';

export const USER_AGENT = 'ots-handoff-action';

/** The one place the action turns its connection inputs into a core client. */
export function createClient(connection: Connection): OtsClient {
  return new OtsClient({
    ...(connection.baseUrl === undefined ? { region: connection.region } : { baseUrl: connection.baseUrl }),
    ...(connection.username === undefined
      ? {}
      : { username: connection.username, apiToken: connection.apiToken ?? '' }),
    apiVersion: connection.apiVersion,
    allowInsecureHttp: connection.allowInsecureHttp,
    userAgent: USER_AGENT,
    timeoutMs: connection.timeoutMs,
  });
}
