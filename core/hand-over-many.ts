// One credential to many people: a one-time link works once, so every recipient gets a secret of their own, all
// holding the same value. Each create is the client's hand-over use case (share, warnings, an unusable answer
// burned), run with shareMany's bounded concurrency and per-item errors; burn does the rollback. Nothing here
// sends a request of its own.
import { checkConcurrency, runBounded, type Settled } from './bulk.ts';
import type { BurnedReceipt } from './burn.ts';
import { OtsInputError } from './errors/kinds.ts';
import type { OtsError } from './errors/ots-error.ts';
import type { HandOver, HandOverRequest } from './hand-over.ts';
import type { PassphraseOptions, ShareOptions } from './options.ts';
import { DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import type { Receipt } from './receipt.ts';
import { RULES } from './rules.ts';
import { createdReceiptKey } from './unusable-create.ts';

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

/** What the fan-out needs from the client: its own checks, the one hand-over use case, and burn. */
export interface HandOverCalls {
  /** Throws the OtsInputError of a bad value or bad options (the client's own share checks). */
  check(secret: string, options: ShareOptions): void;
  handOver(request: HandOverRequest): Promise<HandOver>;
  burn(receiptKey: string, options: PassphraseOptions): Promise<BurnedReceipt>;
}

/** OTS itself refuses more on one account in a burst; a bigger list is almost always a mistake (a whole mailing list). */
export const MAX_RECIPIENTS = 100;

/** Every recipient checked before any request: a list, 1 to 100 distinct email addresses. */
export function checkRecipients(recipients: unknown): string[] {
  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw new OtsInputError('recipients: must be a non-empty list of email addresses.', {
      field: 'recipients',
    });
  }
  if (recipients.length > MAX_RECIPIENTS) {
    throw new OtsInputError(
      `recipients: ${recipients.length} addresses; at most ${MAX_RECIPIENTS} in one hand-over. Nothing was sent.`,
      { field: 'recipients' },
    );
  }
  const seen = new Map<string, number>();
  return recipients.map((recipient: unknown, index) => {
    const field = `recipients[${index}]`;
    if (typeof recipient !== 'string' || !RULES.recipient.pattern.test(recipient)) {
      const shown = typeof recipient === 'string' ? JSON.stringify(recipient) : typeof recipient;
      throw new OtsInputError(`${field}: ${shown} is not an email address such as ada@example.com.`, {
        field,
      });
    }
    // Addresses are case-insensitive in practice: two links to one inbox is a typo in the list, not a wish.
    const first = seen.get(recipient.toLowerCase());
    if (first !== undefined) {
      throw new OtsInputError(
        `${field}: ${JSON.stringify(recipient)} is already recipients[${first}]; each recipient once.`,
        { field },
      );
    }
    seen.set(recipient.toLowerCase(), index);
    return recipient;
  });
}

export async function handOverMany(
  calls: HandOverCalls,
  recipientList: readonly string[],
  what: HandOverValue,
  options: HandOverOptions = {},
): Promise<HandOverManyResult> {
  const recipients = checkRecipients(recipientList);
  const { concurrency, rollbackOnPartialFailure, signal, ...shareOptions } = options;
  if ('recipient' in shareOptions) {
    throw new OtsInputError('recipient: use the recipients list, not a single recipient option.', {
      field: 'recipient',
    });
  }
  const generated = resolveValue(what);
  // The value and the options are the same for every item: check them once, named as the caller gave them.
  try {
    calls.check(generated.value, { ...shareOptions, recipient: recipients[0] as string });
  } catch (error) {
    if (error instanceof OtsInputError && error.field === 'secret') {
      throw new OtsInputError(error.message.replace(/^secret:/, 'value:'), { field: 'value' });
    }
    throw error;
  }

  const inFlight = checkConcurrency(concurrency);
  // Each recipient's create is the one hand-over use case (share, warnings, an unusable answer burned), under
  // the same bounded concurrency as shareMany; a create is sent again only when OTS answered 429.
  const settled = await runBounded(recipients, inFlight, (recipient) =>
    calls.handOver({
      ...shareOptions,
      recipient,
      secret: generated.value,
      ...(signal === undefined ? {} : { signal }),
    }),
  );
  const results: RecipientHandOver[] = recipients.map((recipient, index) => {
    const outcome = settled[index] as Settled<HandOver>;
    if (outcome.ok) return { recipient, receipt: outcome.value.receipt, warnings: outcome.value.warnings };
    const key = createdReceiptKey(outcome.error);
    return { recipient, error: outcome.error, ...(key === undefined ? {} : { createdReceiptKey: key }) };
  });
  const failed = results.filter((r) => r.error !== undefined).map((r) => r.recipient);
  const rolledBack = failed.length > 0 && rollbackOnPartialFailure === true;
  if (rolledBack) await rollback(calls, results, shareOptions.passphrase, inFlight);
  return {
    results,
    created: results.filter((r) => r.receipt !== undefined).map((r) => r.recipient),
    failed,
    rolledBack,
    ...(generated.generated ? { value: generated.value, generatedBy: 'client' as const } : {}),
  };
}

function resolveValue(what: HandOverValue): { value: string; generated: boolean } {
  if (typeof what !== 'object' || what === null) {
    throw new OtsInputError('value: give { value } or { generate: true }.', { field: 'value' });
  }
  if ('value' in what && 'generate' in what) {
    throw new OtsInputError('value: give either { value } or { generate: true }, not both.', {
      field: 'value',
    });
  }
  if ('generate' in what) {
    if (what.generate !== true) {
      throw new OtsInputError('generate: must be true (or give { value }).', { field: 'generate' });
    }
    const length = what.length ?? DEFAULT_PASSWORD_LENGTH;
    if (!Number.isInteger(length) || length < 4 || length > 128) {
      throw new OtsInputError(`length: ${String(what.length)} is not a whole number from 4 to 128.`, {
        field: 'length',
      });
    }
    return { value: generatePassword(length), generated: true };
  }
  return { value: (what as { value: string }).value, generated: false };
}

/** Burns every link this hand-over created (and every secret created behind a failed answer). */
async function rollback(
  calls: HandOverCalls,
  results: RecipientHandOver[],
  passphrase: string | undefined,
  concurrency: number,
): Promise<void> {
  const toBurn = results.filter((r) => r.receipt !== undefined || r.createdReceiptKey !== undefined);
  const burns = await runBounded(toBurn, concurrency, (item) =>
    calls.burn(
      item.receipt?.receiptKey ?? (item.createdReceiptKey as string),
      passphrase === undefined ? {} : { passphrase },
    ),
  );
  for (const [index, item] of toBurn.entries()) item.rollback = burns[index] as Settled<BurnedReceipt>;
}
