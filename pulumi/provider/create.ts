import { randomUUID } from 'node:crypto';
import { createdReceiptKey, knownState, UNKNOWN_STATE } from '../../core/index.ts';
import type { ProviderImplementation } from '../serialized-provider.ts';
import { clientFor, providerFailure } from './connection.ts';
import { type CheckedInputs, plain, type SecretOutputs } from './props.ts';

/** Shares the secret (or has OTS generate one). Exactly one request, never retried: a retry could mint two links. */
export const create: ProviderImplementation['create'] = async (raw, context) => {
  const { secret, generate, length, ttl, passphrase, recipient, shareDomain, providerVersion } =
    raw as CheckedInputs;
  const options = plain({ ttl, passphrase, recipient, shareDomain });
  const client = await clientFor(context);
  // Every state echoes the inputs, so that diff can compare the next program's inputs against them.
  const echoed = { secret, generate, length, passphrase, recipient, shareDomain, providerVersion };
  const created = (found: Omit<SecretOutputs, keyof typeof echoed | 'requestedTtl' | 'baseUrl'>) => ({
    // The id shows up in CLI output and plain state, so it must not be the receipt key (which can burn the secret).
    id: randomUUID(),
    outs: plain<SecretOutputs>({ ...echoed, requestedTtl: ttl, baseUrl: client.baseUrl, ...found }),
  });
  try {
    const { receipt, value, warnings } = await client.handOver(
      generate === true ? { generate, length, ...options } : { secret: secret ?? '', ...options },
    );
    // The provider process cannot call pulumi.log; the engine shows what the provider writes to stderr.
    for (const warning of warnings) console.error(`warning: ots-handoff: ${warning}`);
    const { secretUrl, secretKey, receiptKey, receiptUrl, state, expiresAt } = receipt;
    const found = { secretUrl, secretKey, receiptKey, receiptUrl, value, ttl: receipt.ttl, warnings };
    return created({ ...found, state: knownState(state), expiresAt: expiresAt?.toISOString() });
  } catch (error) {
    // The server created a secret whose answer cannot be used, and core could not burn it either: keep the
    // resource with its receipt key in (encrypted) state, so `pulumi destroy` burns it later. A secret nothing
    // refers to is never left.
    const receiptKey = createdReceiptKey(error);
    if (receiptKey === undefined) {
      throw providerFailure(`${generate === true ? 'generating' : 'sharing'} the one-time secret`, error);
    }
    const warning =
      'the server created the secret but its answer could not be used, and burning it failed; ' +
      'it is kept so that destroy (or replace) burns it. Its links are not known.';
    console.error(`warning: ots-handoff: ${warning}`);
    const receiptUrl = `${client.baseUrl}/receipt/${receiptKey}`;
    return created({ receiptKey, receiptUrl, state: UNKNOWN_STATE, warnings: [warning] });
  } finally {
    await client.close();
  }
};
