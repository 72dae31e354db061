import type { ProviderImplementation } from '../serialized-provider.ts';
import { clientFor, connectionOptions } from './connection.ts';
import { UNKNOWN } from './props.ts';

// A one-time secret cannot be edited: any change of content or destination means a new secret (a new link) and
// burning the old one. diff compares each input with its echoed output, the same name except ttl (requestedTtl).
const CONTENT = ['secret', 'generate', 'length', 'passphrase', 'ttl', 'recipient', 'shareDomain'];

export const diff: ProviderImplementation['diff'] = async (_id, olds, news, context) => {
  const replaces = CONTENT.filter(
    (input) => !same(olds[input === 'ttl' ? 'requestedTtl' : input], news[input]),
  );
  // A secret stays on the server it was created on unless a server is named explicitly: a run without OTS
  // configuration (a fresh shell, CI without OTS_BASE_URL) must not move every secret to the public service.
  const { baseUrl, region } = connectionOptions(context);
  const named = baseUrl !== undefined || region !== undefined;
  if (typeof olds.baseUrl === 'string' && (named || replaces.length > 0)) {
    const client = await clientFor(context);
    await client.close();
    if (client.baseUrl !== olds.baseUrl) {
      // Nor may a content change move it: its new secret would be created on the default server instead.
      if (!named) {
        throw new Error(
          `ots-handoff: changing ${replaces.join(', ')} means a new secret, and this run names no server, so it would be created on ${client.baseUrl}; the secret lives on ${olds.baseUrl}. Set ots-handoff:baseUrl (or OTS_BASE_URL) to ${olds.baseUrl} to replace it there, or name a server (baseUrl or region) to move it on purpose.`,
        );
      }
      replaces.push('baseUrl');
    }
  }
  // Create the new link before burning the old one (the default order), so there is never a moment without one.
  if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
  // Only the provider code changed: an in-place update rewrites `__provider` in state and keeps the link.
  return { changes: olds.providerVersion !== news.providerVersion };
};

/** Reached only when nothing but providerVersion changed (everything else replaces): keep the secret as it is. */
export const update: ProviderImplementation['update'] = async (_id, olds, news) => {
  const { providerVersion } = news;
  return { outs: { ...olds, ...(typeof providerVersion === 'string' && { providerVersion }) } };
};

function same(old: unknown, next: unknown): boolean {
  if (next === UNKNOWN) return false;
  const absent = (value: unknown) => value === undefined || value === null || value === false;
  return old === next || (absent(old) && absent(next));
}
