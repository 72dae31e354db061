// One keep-alive connection pool per client, or an env-configured proxy agent when proxy variables are set and the
// target is not loopback.
import { isLoopback } from '../base-url.ts';
import { type Dispatcher, undici } from './undici.ts';

export type Env = Record<string, string | undefined>;

export function createDispatcher(origin: string, env: Env): Dispatcher {
  // Plain http is allowed to loopback because the bytes never leave the machine; through a proxy (usually remote,
  // and whose 127.0.0.1 is not ours) they would, with the secret and the Basic header. curl skips proxies here too.
  if (isLoopback(new URL(origin).hostname)) return new undici.Pool(origin);
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
  if (httpProxy !== '' || httpsProxy !== '') {
    // '' rather than undefined: undici would otherwise fall back to process.env, and `env` must be the only source.
    return new undici.EnvHttpProxyAgent({
      httpProxy,
      httpsProxy,
      noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    });
  }
  return new undici.Pool(origin);
}
