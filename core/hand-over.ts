// The hand-over every front end performs: share a value or have one generated, and say what the server did
// differently from what was asked. A create the server carried out but whose answer cannot be used is burned
// here; only when that burn fails too does the error still carry the receipt key (createdReceiptKey), for the
// front end to surface, so no live secret is ever left that nobody refers to.
// To many people: a one-time link works once, so every recipient gets a secret of their own, all holding the same
// value, each created by that one hand-over under shareMany's bounded concurrency; burn does the rollback.
import { checkConcurrency, runBounded, type Settled } from './bulk.ts';
import type { BurnedReceipt } from './burn.ts';
import type { OtsClient } from './client.ts';
import { OtsInputError, OtsServerError } from './errors/kinds.ts';
import type { OtsError } from './errors/ots-error.ts';
import { checkWhole, invalid } from './inputs.ts';
import type { GeneratedBy, ShareOptions } from './options.ts';
import { DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import type { Receipt } from './receipt.ts';
import { RULES } from './rules.ts';
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

/** The value every recipient gets: one you pass, or one password generated once for all of them. */
export type HandOverValue = { value: string } | { generate: true; length?: number };

export interface HandOverOptions extends Omit<ShareOptions, 'recipient'> {
  /** Creates in flight at once, 1 to 64 (default 4). */
  concurrency?: number;
  /** When any recipient's link could not be created, burn the links that were: all or none keep working. */
  rollbackOnPartialFailure?: boolean;
}

/** What happened for one recipient. Exactly one of `receipt` and `error` is set. */
export interface RecipientHandOver {
  recipient: string;
  /** The receipt of this recipient's link (OTS emailed the link to them). */
  receipt?: Receipt;
  /** Why this recipient's link could not be created. */
  error?: OtsError;
  /** What the server did differently from what was asked for this link (e.g. a clamped TTL). */
  warnings?: string[];
  /**
   * The receipt key of a secret the server created although the answer failed (see createdReceiptKey): such a
   * link exists and may have been emailed. Rollback burns it too.
   */
  createdReceiptKey?: string;
  /** After a rollback: the burn of this recipient's link, or why it could not be burned (its link may still work). */
  rollback?: Settled<BurnedReceipt>;
}

export interface HandOverManyResult {
  /** One entry per recipient, in the order given. */
  results: RecipientHandOver[];
  /** Recipients whose link was created, in input order (also when a rollback burned it afterwards). */
  created: string[];
  /** Recipients whose link could not be created, in input order. */
  failed: string[];
  /** True when a rollback ran (some recipient failed and rollbackOnPartialFailure was set). */
  rolledBack: boolean;
  /** The generated value, with `{ generate: true }` only. */
  value?: string;
  /** 'client': one value for all recipients must exist before the first request, so this machine made it. */
  generatedBy?: 'client';
}

/** OTS itself refuses more on one account in a burst; a bigger list is almost always a mistake (a whole mailing list). */
export const MAX_RECIPIENTS = 100;

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
    const receiptKey = createdReceiptKey(error);
    if (receiptKey === undefined) throw error;
    await client.burn(receiptKey, { passphrase: options.passphrase }).catch(() => {
      throw error;
    });
    // Burned: the error no longer names a live secret.
    throw new OtsServerError(
      `${(error as Error).message.replace(/ Burn it with the receipt key.*$/, '')} It was burned, so its link does not work.`,
    );
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

/** Every recipient checked before any request: a list, 1 to 100 distinct email addresses. */
export function checkRecipients(recipients: unknown): string[] {
  const list: unknown[] = Array.isArray(recipients) ? recipients : [];
  const count = list.length;
  if (count === 0 || count > MAX_RECIPIENTS) {
    const why =
      count === 0
        ? 'must be a non-empty list of email addresses.'
        : `${count} addresses; at most ${MAX_RECIPIENTS} in one hand-over. Nothing was sent.`;
    throw invalid('recipients', why);
  }
  const seen = new Map<string, number>();
  return list.map((recipient, index) => {
    const field = `recipients[${index}]`;
    if (typeof recipient !== 'string' || !RULES.recipient.pattern.test(recipient)) {
      const shown = typeof recipient === 'string' ? JSON.stringify(recipient) : typeof recipient;
      throw invalid(field, `${shown} is not an email address such as ada@example.com.`);
    }
    // Addresses are case-insensitive in practice: two links to one inbox is a typo in the list, not a wish.
    const first = seen.get(recipient.toLowerCase());
    if (first !== undefined) {
      throw invalid(
        field,
        `${JSON.stringify(recipient)} is already recipients[${first}]; each recipient once.`,
      );
    }
    seen.set(recipient.toLowerCase(), index);
    return recipient;
  });
}

/** `check` is the client's own share check: it throws the OtsInputError of a bad value or bad options. */
export async function handOverMany(
  client: OtsClient,
  check: (secret: string, options: ShareOptions) => void,
  recipientList: readonly string[],
  what: HandOverValue,
  options: HandOverOptions = {},
): Promise<HandOverManyResult> {
  const recipients = checkRecipients(recipientList);
  const { concurrency, rollbackOnPartialFailure, signal, ...shareOptions } = options;
  if ('recipient' in shareOptions) {
    throw invalid('recipient', 'use the recipients list, not a single recipient option.');
  }
  const generated = resolveValue(what);
  // The value and the options are the same for every item: check them once, named as the caller gave them.
  try {
    check(generated.value, { ...shareOptions, recipient: recipients[0] as string });
  } catch (error) {
    if (error instanceof OtsInputError && error.field === 'secret') {
      throw invalid('value', error.message.replace(/^secret: /, ''));
    }
    throw error;
  }
  const inFlight = checkConcurrency(concurrency);
  // A create is sent again only when OTS answered 429 (the client's retry rules).
  const settled = await runBounded(recipients, inFlight, (recipient) =>
    client.handOver({ ...shareOptions, recipient, secret: generated.value, ...(signal && { signal }) }),
  );
  const results: RecipientHandOver[] = recipients.map((recipient, index) => {
    const outcome = settled[index] as Settled<HandOver>;
    if (outcome.ok) return { recipient, receipt: outcome.value.receipt, warnings: outcome.value.warnings };
    const key = createdReceiptKey(outcome.error);
    return { recipient, error: outcome.error, ...(key !== undefined && { createdReceiptKey: key }) };
  });
  const failed = results.filter((r) => r.error !== undefined).map((r) => r.recipient);
  const rolledBack = failed.length > 0 && rollbackOnPartialFailure === true;
  if (rolledBack) {
    // Every link this hand-over created, and every secret created behind a failed answer.
    const toBurn = results.filter((r) => r.receipt !== undefined || r.createdReceiptKey !== undefined);
    const burns = await runBounded(toBurn, inFlight, (item) =>
      client.burn(item.receipt?.receiptKey ?? (item.createdReceiptKey as string), {
        passphrase: shareOptions.passphrase,
      }),
    );
    for (const [index, item] of toBurn.entries()) item.rollback = burns[index] as Settled<BurnedReceipt>;
  }
  return {
    results,
    created: results.filter((r) => r.receipt !== undefined).map((r) => r.recipient),
    failed,
    rolledBack,
    ...(generated.generated && { value: generated.value, generatedBy: 'client' as const }),
  };
}

function resolveValue(what: HandOverValue): { value: string; generated: boolean } {
  if (typeof what !== 'object' || what === null)
    throw invalid('value', 'give { value } or { generate: true }.');
  if ('value' in what && 'generate' in what) {
    throw invalid('value', 'give either { value } or { generate: true }, not both.');
  }
  if (!('generate' in what)) return { value: what.value, generated: false };
  if (what.generate !== true) {
    throw invalid('generate', 'must be true (or give { value }).');
  }
  const length = checkWhole('length', what.length, RULES.length, DEFAULT_PASSWORD_LENGTH);
  return { value: generatePassword(length), generated: true };
}
