import type { Unwrap } from '@pulumi/pulumi';
import type { Receipt } from '../../core/index.ts';
import type { OneTimeSecretArgs } from '../args.ts';

// The shapes that cross the engine boundary: checked inputs in, outputs (which the engine hands back as `olds`) out.
// Everything here must be plain JSON: no Dates, no undefined values (the host's Struct conversion rejects them).

// During preview, an input that depends on a resource not created yet reaches the provider as this sentinel
// (the value of `unknownValue` in @pulumi/pulumi/runtime/rpc). It is spelled out here so the implementation
// does not load the Pulumi SDK.
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** Inputs after check(): the resource's args as plain values, TTL already in seconds. */
export type CheckedInputs = Omit<Unwrap<OneTimeSecretArgs>, 'ttl'> & {
  ttl?: number;
  providerVersion?: string;
};

// The inputs are echoed: diff() only ever sees the old outputs, so they are how a changed input is noticed.
export interface SecretOutputs
  extends Omit<CheckedInputs, 'ttl'>,
    Pick<Receipt, 'secretUrl' | 'secretKey' | 'receiptKey' | 'receiptUrl' | 'state' | 'ttl'> {
  /** The TTL asked for, in seconds (the `ttl` output is what the server granted). */
  requestedTtl?: number;
  /** The OTS origin the secret lives on; read and delete go there, diff replaces when it changes. */
  baseUrl: string;
  /** The generated password (generate: true only). */
  value?: string;
  expiresAt?: string;
  warnings: string[];
}

/** Drops undefined members so the result survives the host's protobuf Struct conversion. */
export function plain<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
