// A create the server carried out but whose answer cannot be used (a date out of range, a missing value): the
// secret exists, so the error must still let the caller burn it. The receipt key rides on the error as a
// non-enumerable property: util.inspect, JSON and the message never show it, code that asks for it gets it.
import { OtsServerError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import { shortenKey } from './errors/redact.ts';

const RECEIPT_KEY: unique symbol = Symbol.for('ots-handoff.createdReceiptKey') as never;

export function unusableCreate(operation: string, receiptKey: string, problem: unknown): OtsServerError {
  const why = isOtsError(problem)
    ? problem.message.replace(/^.*?: (?=the server's answer)/, '')
    : 'unreadable fields';
  const error = new OtsServerError(
    `OTS ${operation}: the server created a secret (receipt ${shortenKey(receiptKey)}) but its answer cannot be used ` +
      `(${why.replace(/\.$/, '')}). Burn it with the receipt key (createdReceiptKey(error)) rather than leave it.`,
  );
  Object.defineProperty(error, RECEIPT_KEY, { value: receiptKey, enumerable: false });
  return error;
}

/** The receipt key of a secret that was created although the call failed, when the error knows it. */
export function createdReceiptKey(error: unknown): string | undefined {
  const key = isOtsError(error) ? (error as unknown as { [RECEIPT_KEY]?: unknown })[RECEIPT_KEY] : undefined;
  return typeof key === 'string' ? key : undefined;
}
