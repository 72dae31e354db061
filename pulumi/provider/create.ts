import { randomUUID } from 'node:crypto';
import type * as pulumi from '@pulumi/pulumi';
import type { ProviderContext } from '../provider-protocol.ts';
import { configuredClient } from './connection.ts';
import { providerFailure } from './failure.ts';
import { outputsFromReceipt, receiptWarnings } from './outputs.ts';
import type { CheckedInputs, SecretOutputs } from './props.ts';

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
    throw providerFailure(
      inputs.generate === true ? 'generating the one-time secret' : 'sharing the one-time secret',
      error,
    );
  } finally {
    await client.close();
  }
}
