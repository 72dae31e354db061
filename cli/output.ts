// What commands print: JSON for scripts, short human lines otherwise. Human lines on stderr name keys only
// shortened (abcd…) unless stderr is a terminal, so a CI log never holds a usable key or link.
import { type Receipt, shortenKey } from '../core/index.ts';
import type { Io, Output } from './io.ts';

export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function line(out: Output, text: string): void {
  out.write(`${text}\n`);
}

/** The receipt key as a human line may show it on stderr. */
export function receiptRef(receipt: Receipt, io: Io): string {
  return io.stderr.isTTY === true ? receipt.receiptKey : shortenKey(receipt.receiptKey);
}

export function describeReceipt(receipt: Receipt, io: Io): string {
  const parts = [`receipt ${receiptRef(receipt, io)}: ${receipt.state}`];
  if (receipt.receivedAt !== undefined) parts.push(`received ${receipt.receivedAt.toISOString()}`);
  if (receipt.expiresAt !== undefined) parts.push(`expires ${receipt.expiresAt.toISOString()}`);
  if (receipt.passphraseRequired === true) parts.push('passphrase required');
  if (receipt.recipients.length > 0) parts.push(`recipients ${receipt.recipients.join(', ')}`);
  return parts.join('; ');
}
