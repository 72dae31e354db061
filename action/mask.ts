import * as core from '@actions/core';
import { type Receipt, sensitiveForms } from '../core/index.ts';

/**
 * Lines of a multi-line value shorter than this are not masked on their own (the whole value always is).
 * The runner replaces every later occurrence of a masked string anywhere in the job log, so masking a line
 * such as `}` or `end` would garble the rest of the log while hiding almost nothing: a 1-3 character line
 * of a multi-line secret carries a few bits at most. Google's get-secretmanager-secrets makes the same
 * trade-off with a configurable minimum.
 */
const MIN_LINE_MASK_LENGTH = 4;

/** What this process already registered: each `::add-mask::` line is one more copy of the value in the log. */
const masked = new Set<string>();

/**
 * Registers each value with the runner's log masking: the whole value, each line of a multi-line value, and the
 * form-encoded, URL-encoded, JSON-escaped and base64 spellings a server or proxy may quote it back in (the runner
 * masks only the exact strings it was given).
 */
export function mask(...values: Array<string | undefined>): void {
  for (const value of values) {
    if (value === undefined || value === '') continue;
    for (const form of [value, ...sensitiveForms(value, MIN_LINE_MASK_LENGTH)]) {
      if (masked.has(form)) continue;
      masked.add(form);
      core.setSecret(form);
    }
  }
}

/** Masks everything in a receipt that gives access to the secret: the link, its key, the receipt key and URL. */
export function maskReceipt(receipt: Receipt | undefined): void {
  mask(receipt?.secretUrl, receipt?.secretKey, receipt?.receiptKey, receipt?.receiptUrl);
}
