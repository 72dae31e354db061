// The hand-over every front end performs: share a value or have one generated, and say what the server did
// differently from what was asked. A create the server carried out but whose answer cannot be used is burned
// here; only when that burn fails too does the error still carry the receipt key (createdReceiptKey), for the
// front end to surface, so no live secret is ever left that nobody refers to.
import type { OtsClient } from './client.ts';
import { OtsServerError } from './errors/kinds.ts';
import type { GeneratedBy, ShareOptions } from './options.ts';
import type { Receipt } from './receipt.ts';
import { formatDuration } from './ttl.ts';
import { createdReceiptKey } from './unusable-create.ts';

/** What to hand over: `secret` (a value), or `generate: true` (a password, made by the server when it can). */
export type HandOverRequest = ShareOptions &
  (
    | { secret: string; generate?: false; length?: undefined }
    | { generate: true; length?: number; secret?: undefined }
  );

export interface HandOver {
  /** The receipt; it never holds the value. */
  receipt: Receipt;
  /** The generated password (generate only). */
  value?: string;
  generatedBy?: GeneratedBy;
  /** What the server did differently from what was asked (today: a TTL it clamped), one sentence each. */
  warnings: string[];
}

export async function handOver(client: OtsClient, request: HandOverRequest): Promise<HandOver> {
  const { secret, generate, length, ...options } = request;
  try {
    if (generate === true) {
      const { value, generatedBy, ...receipt } = await client.generate({
        ...options,
        ...(length !== undefined && { length }),
      });
      return { receipt, value, generatedBy, warnings: handOverWarnings(receipt) };
    }
    const receipt = await client.share(secret as string, options);
    return { receipt, warnings: handOverWarnings(receipt) };
  } catch (error) {
    throw await burnUnusable(client, error, options.passphrase);
  }
}

/** The warnings of a created receipt, worded for every front end ("ttl: …", the option as core names it). */
export function handOverWarnings(receipt: Receipt): string[] {
  const adjusted = receipt.ttlAdjusted;
  if (adjusted === undefined) return [];
  const { requested, granted } = adjusted;
  return [
    `ttl: asked for ${formatDuration(requested)} (${requested} s), the server granted ${formatDuration(granted)} ` +
      `(${granted} s); the link expires ${granted < requested ? 'sooner' : 'later'} than asked` +
      `${receipt.expiresAt ? `, at ${receipt.expiresAt.toISOString()}` : ''}.`,
  ];
}

/** The error to throw: after a successful burn of an unusable create, one that no longer names a live secret. */
async function burnUnusable(
  client: OtsClient,
  error: unknown,
  passphrase: string | undefined,
): Promise<unknown> {
  const receiptKey = createdReceiptKey(error);
  if (receiptKey === undefined) return error;
  try {
    await client.burn(receiptKey, passphrase === undefined ? {} : { passphrase });
  } catch {
    return error;
  }
  return new OtsServerError(
    `${(error as Error).message.replace(/ Burn it with the receipt key.*$/, '')} It was burned, so its link does not work.`,
  );
}
