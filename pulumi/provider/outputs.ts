import { knownState, type Receipt } from '../../core/index.ts';
import { type CheckedInputs, plain, type SecretOutputs } from './props.ts';

/** The inputs every state echoes, so that diff can compare the next program's inputs against them. */
export function echoedInputs(inputs: CheckedInputs) {
  return {
    secret: inputs.secret,
    generate: inputs.generate,
    length: inputs.length,
    passphrase: inputs.passphrase,
    recipient: inputs.recipient,
    shareDomain: inputs.shareDomain,
    providerVersion: inputs.providerVersion,
    requestedTtl: inputs.ttl,
  };
}

/** The outputs of a freshly created secret: the echoed inputs plus what the receipt says. */
export function outputsFromReceipt(
  inputs: CheckedInputs,
  baseUrl: string,
  receipt: Receipt,
  value: string | undefined,
  warnings: string[],
): SecretOutputs {
  return plain<SecretOutputs>({
    ...echoedInputs(inputs),
    baseUrl,
    secretUrl: receipt.secretUrl,
    secretKey: receipt.secretKey,
    receiptKey: receipt.receiptKey,
    receiptUrl: receipt.receiptUrl,
    value,
    state: knownState(receipt.state),
    ttl: receipt.ttl,
    expiresAt: receipt.expiresAt?.toISOString(),
    warnings,
  });
}
