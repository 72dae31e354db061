import type * as pulumi from '@pulumi/pulumi';
import type { ProviderContext } from '../provider-protocol.ts';
import { configuredClient, namesServer } from './connection.ts';
import type { SecretOutputs } from './props.ts';
import { isUnknown } from './unknown.ts';

// A one-time secret cannot be edited: any change of content or destination means a new secret (a new link) and
// burning the old one. Pairs are [input name, name of the echoed output that diff compares it with].
const CONTENT: Array<[string, keyof SecretOutputs]> = [
  ['secret', 'secret'],
  ['generate', 'generate'],
  ['length', 'length'],
  ['passphrase', 'passphrase'],
  ['ttl', 'requestedTtl'],
  ['recipient', 'recipient'],
  ['shareDomain', 'shareDomain'],
];

export async function diff(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  context: ProviderContext,
): Promise<pulumi.dynamic.DiffResult> {
  const replaces = CONTENT.filter(([input, output]) => !same(olds[output], news[input])).map(
    ([input]) => input,
  );
  // A secret stays on the server it was created on unless a server is named explicitly: a run without OTS
  // configuration (a fresh shell, CI without OTS_BASE_URL) must not move every secret to the public service.
  if (typeof olds.baseUrl === 'string' && namesServer(context)) {
    const client = configuredClient(context);
    const destination = client.baseUrl;
    await client.close();
    if (destination !== olds.baseUrl) replaces.push('baseUrl');
  }
  // Create the new link before burning the old one (the default order), so there is never a moment without one.
  if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
  // Only the provider code changed: an in-place update rewrites `__provider` in state and keeps the link.
  if (olds.providerVersion !== news.providerVersion) return { changes: true };
  return { changes: false };
}

/** Reached only when nothing but providerVersion changed (everything else replaces): keep the secret as it is. */
export async function update(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  _context: ProviderContext,
): Promise<pulumi.dynamic.UpdateResult<SecretOutputs>> {
  const outs = { ...(olds as unknown as SecretOutputs) };
  if (typeof news.providerVersion === 'string') outs.providerVersion = news.providerVersion;
  return { outs };
}

function same(old: unknown, next: unknown): boolean {
  if (isUnknown(next)) return false;
  const absent = (value: unknown) => value === undefined || value === null || value === false;
  if (absent(old) && absent(next)) return true;
  return old === next;
}
