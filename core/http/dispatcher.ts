// One keep-alive connection pool per client, or an env-configured proxy agent when proxy variables are set and the
// target is not loopback.
/// <reference path="./undici-parts.d.ts" />

import type { Dispatcher } from 'undici';
// From their own files: undici's entry loads all of undici (fetch, WebSocket, caches, mocks), which adds about 80 ms
// to every `ots` command (`npm run bench -- command`). Core itself calls only dispatch().
import connect from 'undici/lib/api/api-connect.js';
import UndiciDispatcher from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import { isLoopback } from '../base-url.ts';
import { OtsInputError } from '../errors/kinds.ts';

// The proxy agent opens an https:// target's CONNECT tunnel with connect(), which undici's entry adds to every
// dispatcher; without it the tunnel fails with "connect is not a function". The same function the entry adds, and
// only where none is: undici is shared with the application, whose own (or its tracing agent's) one must stay.
UndiciDispatcher.prototype.connect ??= connect;

export type Env = Record<string, string | undefined>;

/**
 * `timeoutMs` (the client's) also bounds connection set-up (TCP and TLS): a handshake that never completes would
 * otherwise hold its socket, and the process, for undici's 10 s default after the call ended.
 */
export function createDispatcher(origin: string, env: Env, timeoutMs: number): Dispatcher {
  const connect = { timeout: timeoutMs };
  // Plain http is allowed to loopback because the bytes never leave the machine; through a proxy (usually remote,
  // and whose 127.0.0.1 is not ours) they would, with the secret and the Basic header. curl skips proxies here too.
  if (isLoopback(new URL(origin).hostname)) return new Pool(origin, { connect });
  const httpProxy = proxyVariable(env, 'http_proxy', 'HTTP_PROXY');
  const httpsProxy = proxyVariable(env, 'https_proxy', 'HTTPS_PROXY');
  // '' rather than undefined: undici would otherwise fall back to process.env, and `env` must be the only source.
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  if (httpProxy !== '' || httpsProxy !== '') {
    return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy, connect });
  }
  return new Pool(origin, { connect });
}

/** The proxy URL from the lowercase or uppercase variable, checked so that undici never throws on it. */
function proxyVariable(env: Env, lower: string, upper: string): string {
  const name = env[lower] !== undefined ? lower : upper;
  const value = (env[name] ?? '').trim();
  if (value === '') return '';
  const url = URL.parse(value);
  if (url === null || !['http:', 'https:'].includes(url.protocol) || url.hostname === '') {
    // The value is not repeated: a proxy URL often carries a password, and a malformed one cannot be redacted.
    throw new OtsInputError(
      `${name}: is not a proxy URL; use the form http://host:port (or http://user:password@host:port).`,
      { field: name },
    );
  }
  return value;
}
