import * as core from '@actions/core';
import type { Receipt } from '../core/index.ts';

/** Output names, as declared in action.yml. */
export const Outputs = {
  SecretUrl: 'secret-url',
  SecretKey: 'secret-key',
  ReceiptKey: 'receipt-key',
  ReceiptUrl: 'receipt-url',
  Value: 'value',
  Ttl: 'ttl',
  ExpiresAt: 'expires-at',
  State: 'state',
  Receipts: 'receipts',
  Opened: 'opened',
  NotOpened: 'not-opened',
} as const;

export interface OutputOptions {
  /** Leave out the link and the secret key: with `recipient`, the link goes only to the recipient's inbox. */
  withholdLink: boolean;
  /** The generated credential, with `generate: true`. */
  value?: string;
}

/** Sets every output the receipt fills. Callers mask the receipt first (mask.ts). */
export function setReceiptOutputs(receipt: Receipt, options: OutputOptions): void {
  if (!options.withholdLink) {
    setIfPresent(Outputs.SecretUrl, receipt.secretUrl);
    setIfPresent(Outputs.SecretKey, receipt.secretKey);
  }
  setIfPresent(Outputs.ReceiptKey, receipt.receiptKey);
  setIfPresent(Outputs.ReceiptUrl, receipt.receiptUrl);
  setIfPresent(Outputs.Value, options.value);
  setIfPresent(Outputs.Ttl, receipt.ttl === undefined ? undefined : String(receipt.ttl));
  setIfPresent(Outputs.ExpiresAt, receipt.expiresAt?.toISOString());
  setIfPresent(Outputs.State, receipt.state);
}

function setIfPresent(name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') core.setOutput(name, value);
}
