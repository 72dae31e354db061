import { randomUUID } from 'node:crypto';
import type * as pulumi from '@pulumi/pulumi';
import { createdReceiptKey, type OtsClient, UNKNOWN_STATE } from '../../core/index.ts';
import type { ProviderContext } from '../provider-protocol.ts';
import { configuredClient } from './connection.ts';
import { providerFailure } from './failure.ts';
import { echoedInputs, outputsFromReceipt } from './outputs.ts';
import { type CheckedInputs, plain, type SecretOutputs } from './props.ts';

/** Shares the secret (or has OTS generate one). Exactly one request, never retried: a retry could mint two links. */
export async function create(
  raw: Record<string, unknown>,
  context: ProviderContext,
): Promise<pulumi.dynamic.CreateResult<SecretOutputs>> {
  const inputs = raw as CheckedInputs;
  const client = configuredClient(context);
  try {
    const { receipt, value, warnings } = await client.handOver({
      ...(inputs.generate === true
        ? { generate: true, ...(inputs.length !== undefined && { length: inputs.length }) }
        : { secret: inputs.secret ?? '' }),
      ...(inputs.ttl !== undefined && { ttl: inputs.ttl }),
      ...(inputs.passphrase !== undefined && { passphrase: inputs.passphrase }),
      ...(inputs.recipient !== undefined && { recipient: inputs.recipient }),
      ...(inputs.shareDomain !== undefined && { shareDomain: inputs.shareDomain }),
    });
    // The provider process cannot call pulumi.log; the engine shows what the provider writes to stderr.
    for (const warning of warnings) console.error(`warning: ots-handoff: ${warning}`);
    // The id shows up in CLI output and plain state, so it must not be the receipt key (which can burn the secret).
    return { id: randomUUID(), outs: outputsFromReceipt(inputs, client.baseUrl, receipt, value, warnings) };
  } catch (error) {
    const orphan = keepUnburned(client, inputs, error);
    if (orphan !== undefined) return orphan;
    throw providerFailure(
      inputs.generate === true ? 'generating the one-time secret' : 'sharing the one-time secret',
      error,
    );
  } finally {
    await client.close();
  }
}

/**
 * The server created a secret whose answer cannot be used, and core could not burn it either: keep the resource
 * with its receipt key in (encrypted) state, so `pulumi destroy` burns it later. A secret nothing refers to is
 * never left.
 */
function keepUnburned(
  client: OtsClient,
  inputs: CheckedInputs,
  error: unknown,
): pulumi.dynamic.CreateResult<SecretOutputs> | undefined {
  const receiptKey = createdReceiptKey(error);
  if (receiptKey === undefined) return undefined;
  const warning =
    'the server created the secret but its answer could not be used, and burning it failed; ' +
    'it is kept so that destroy (or replace) burns it. Its links are not known.';
  console.error(`warning: ots-handoff: ${warning}`);
  const outs = plain<SecretOutputs>({
    ...echoedInputs(inputs),
    baseUrl: client.baseUrl,
    receiptKey,
    receiptUrl: `${client.baseUrl}/receipt/${receiptKey}`,
    state: UNKNOWN_STATE,
    warnings: [warning],
  });
  return { id: randomUUID(), outs };
}
