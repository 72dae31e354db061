// The hand-over every front end performs: share a value or have one generated, and say what the server did
// differently from what was asked. A create the server carried out but whose answer cannot be used is burned
// here; only when that burn fails too does the error still carry the receipt key (createdReceiptKey), for the
// front end to surface, so no live secret is ever left that nobody refers to.
// To many people: a one-time link works once, so every recipient gets a secret of their own, all holding the same
// value, each created by that one hand-over under shareMany's bounded concurrency; burn does the rollback.
import { runBounded, type Settled } from './bulk.ts';
import type { BurnedReceipt } from './burn.ts';
import type { OtsClient } from './client.ts';
import { OtsInputError, OtsServerError } from './errors/kinds.ts';
import { checkWhole, invalid, invisibleIn } from './inputs.ts';
import type {
  HandOver,
  HandOverManyResult,
  HandOverOptions,
  HandOverRequest,
  HandOverValue,
  RecipientHandOver,
  ShareOptions,
} from './options.ts';
import { DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import type { Receipt } from './receipt.ts';
import { RULES } from './rules.ts';
import { formatDuration } from './ttl.ts';
import { createdReceiptKey } from './unusable-create.ts';

/** OTS itself refuses more on one account in a burst; a bigger list is almost always a mistake (a whole mailing list). */
export const MAX_RECIPIENTS = 100;

export async function handOver(client: OtsClient, request: HandOverRequest): Promise<HandOver> {
  const { secret, generate, length, ...options } = request;
  try {
    if (generate === true) {
      const { value, generatedBy, ...receipt } = await client.generate({ ...options, length });
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
  if (receipt.ttlAdjusted === undefined) return [];
  const { requested, granted } = receipt.ttlAdjusted;
  return [
    `ttl: asked for ${formatDuration(requested)} (${requested} s), the server granted ${formatDuration(granted)} ` +
      `(${granted} s); the link expires ${granted < requested ? 'sooner' : 'later'} than asked` +
      `${receipt.expiresAt ? `, at ${receipt.expiresAt.toISOString()}` : ''}.`,
  ];
}

/** Every recipient checked before any request: a list, 1 to 100 distinct email addresses. */
export function checkRecipients(recipients: unknown): string[] {
  const list: unknown[] = Array.isArray(recipients) ? recipients : [];
  if (list.length === 0) throw invalid('recipients', 'must be a non-empty list of email addresses.');
  if (list.length > MAX_RECIPIENTS) {
    const why = `${list.length} addresses; at most ${MAX_RECIPIENTS} in one hand-over. Nothing was sent.`;
    throw invalid('recipients', why);
  }
  const seen = new Map<string, number>();
  return list.map((recipient, index) => {
    const field = `recipients[${index}]`;
    if (typeof recipient !== 'string' || !RULES.recipient.pattern.test(recipient)) {
      const shown = typeof recipient === 'string' ? JSON.stringify(recipient) : typeof recipient;
      throw invalid(
        field,
        `${shown} ${invisibleIn(recipient) ?? 'is not an email address such as ada@example.com.'}`,
      );
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
  const inFlight = checkWhole('concurrency', concurrency, RULES.concurrency.default);
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
  if (what.generate !== true) throw invalid('generate', 'must be true (or give { value }).');
  const length = checkWhole('length', what.length, DEFAULT_PASSWORD_LENGTH);
  return { value: generatePassword(length), generated: true };
}
