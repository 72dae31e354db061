import * as core from '@actions/core';
import { type Receipt, sensitiveForms } from '../core/index.ts';

/**
 * Lines of a multi-line value shorter than this are not masked on their own (the whole value always is).
 * The runner replaces every later occurrence of a masked string anywhere in the job log, so masking a line
 * such as `}` or `end` would garble the rest of the log while hiding almost nothing: a 1-3 character line
 * of a multi-line secret carries a few bits at most. Google's get-secretmanager-secrets makes the same
 * trade-off with a configurable minimum.
 */
export const MIN_LINE_MASK_LENGTH = 4;

/** What this process already registered: each `::add-mask::` line is one more copy of the value in the log. */
const masked = new Set<string>();

/**
 * Registers a value with the runner's log masking: the whole value, each line of a multi-line value, and the
 * form-encoded, URL-encoded, JSON-escaped and base64 spellings a server or proxy may quote it back in (the runner
 * masks only the exact strings it was given).
 */
export function mask(value: string | undefined): void {
  if (value === undefined || value === '') return;
  register(value);
  for (const form of sensitiveForms(value, MIN_LINE_MASK_LENGTH)) register(form);
}

function register(value: string): void {
  if (masked.has(value)) return;
  masked.add(value);
  core.setSecret(value);
}

/** Masks everything in a receipt that gives access to the secret: the link, its key, the receipt key and URL. */
export function maskReceipt(receipt: Receipt): void {
  mask(receipt.secretUrl);
  mask(receipt.secretKey);
  mask(receipt.receiptKey);
  mask(receipt.receiptUrl);
}
