import type * as pulumi from '@pulumi/pulumi';
import type { ReceiptState } from '../core/index.ts';

/** What to hand over: either `secret` (an existing value) or `generate: true` (OTS makes a password). */
export interface OneTimeSecretArgs {
  /** The value to share. Stored in state only encrypted (it is wrapped with `pulumi.secret`). */
  secret?: pulumi.Input<string>;
  /** Let OTS generate a password instead of sharing `secret`; it comes back as the secret output `value`. */
  generate?: pulumi.Input<boolean>;
  /** Length of the generated password, 4 to 128 (only with `generate`): default 12, or 16 with apiVersion v2. */
  length?: pulumi.Input<number>;
  /** A passphrase the recipient must enter; stored in state only encrypted. */
  passphrase?: pulumi.Input<string>;
  /** Seconds (3600) or a duration ('15m', '2h', '7d', '1w'). The server may grant less; see `ttl` and `warnings`. */
  ttl?: pulumi.Input<number | string>;
  /** Email address OTS sends the link to (needs an account: username and API token). */
  recipient?: pulumi.Input<string>;
  /** A custom domain registered with the OTS account, used in the link. */
  shareDomain?: pulumi.Input<string>;
}

/** core's RECEIPT_STATES, or 'unknown' for a state the server invented or a receipt gone before its expiry. */
export type OneTimeSecretState = ReceiptState;

// Outputs the engine must encrypt in state. A dynamic provider cannot return pulumi.secret() values
// (pulumi/pulumi#3012), so secrecy is declared through the additionalSecretOutputs resource option instead.
// receiptUrl is in the list because it carries the receipt key, which can burn the secret (and on OTS ≤ v0.25
// reveal it once).
export const SECRET_OUTPUTS = [
  'secret',
  'passphrase',
  'value',
  'secretUrl',
  'secretKey',
  'receiptKey',
  'receiptUrl',
] as const;
