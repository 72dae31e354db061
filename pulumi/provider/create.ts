import { randomUUID } from 'node:crypto';
import type * as pulumi from '@pulumi/pulumi';
import { createdReceiptKey, type OtsClient } from '../../core/index.ts';
import type { ProviderContext } from '../provider-protocol.ts';
import { configuredClient } from './connection.ts';
import { providerFailure } from './failure.ts';
import { outputsFromReceipt, receiptWarnings } from './outputs.ts';
import { type CheckedInputs, plain, type SecretOutputs } from './props.ts';

/** Shares the secret (or has OTS generate one). Exactly one request, never retried: a retry could mint two links. */
export async function create(
  raw: Record<string, unknown>,
  context: ProviderContext,
): Promise<pulumi.dynamic.CreateResult<SecretOutputs>> {
  const inputs = raw as CheckedInputs;
  const client = configuredClient(context);
  try {
    const options = {
      ...(inputs.ttl !== undefined && { ttl: inputs.ttl }),
      ...(inputs.passphrase !== undefined && { passphrase: inputs.passphrase }),
      ...(inputs.recipient !== undefined && { recipient: inputs.recipient }),
      ...(inputs.shareDomain !== undefined && { shareDomain: inputs.shareDomain }),
    };
    let receipt: Awaited<ReturnType<typeof client.share>>;
    let value: string | undefined;
    if (inputs.generate === true) {
      const generated = await client.generate({
        ...options,
        ...(inputs.length !== undefined && { length: inputs.length }),
      });
      receipt = generated;
      value = generated.value;
    } else {
      receipt = await client.share(inputs.secret ?? '', options);
    }
    const warnings = receiptWarnings(receipt);
    // The provider process cannot call pulumi.log; the engine shows what the provider writes to stderr.
    for (const warning of warnings) console.error(`warning: ots-handoff: ${warning}`);
    // The id shows up in CLI output and plain state, so it must not be the receipt key (which can burn the secret).
    return { id: randomUUID(), outs: outputsFromReceipt(inputs, client.baseUrl, receipt, value, warnings) };
  } catch (error) {
    const orphan = await burnOrKeep(client, inputs, error);
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
 * The server created a secret but its answer cannot be used. Burn it; if that fails too, keep the resource with
 * its receipt key in (encrypted) state, so `pulumi destroy` burns it later: a secret nothing refers to is never left.
 */
async function burnOrKeep(
  client: OtsClient,
  inputs: CheckedInputs,
  error: unknown,
): Promise<pulumi.dynamic.CreateResult<SecretOutputs> | undefined> {
  const receiptKey = createdReceiptKey(error);
  if (receiptKey === undefined) return undefined;
  try {
    await client.burn(receiptKey, inputs.passphrase !== undefined ? { passphrase: inputs.passphrase } : {});
    return undefined;
  } catch {
    const warning =
      'the server created the secret but its answer could not be used, and burning it failed; ' +
      'it is kept so that destroy (or replace) burns it. Its links are not known.';
    console.error(`warning: ots-handoff: ${warning}`);
    const outs = plain<SecretOutputs>({
      secret: inputs.secret,
      generate: inputs.generate,
      length: inputs.length,
      passphrase: inputs.passphrase,
      recipient: inputs.recipient,
      shareDomain: inputs.shareDomain,
      providerVersion: inputs.providerVersion,
      requestedTtl: inputs.ttl,
      baseUrl: client.baseUrl,
      receiptKey,
      receiptUrl: `${client.baseUrl}/receipt/${receiptKey}`,
      state: 'unknown',
      warnings: [warning],
    });
    return { id: randomUUID(), outs };
  }
}
