import * as core from '@actions/core';

/**
 * State the main step hands to the post step. The runner stores it (GITHUB_STATE) and gives it back to the
 * post step only, as STATE_* variables; it never appears in logs.
 */
export const State = {
  IsPost: 'isPost',
  BurnReceiptKey: 'burnReceiptKey',
  BurnReceiptKeys: 'burnReceiptKeys',
} as const;

/** One bundle serves both steps (the actions/checkout pattern): the main step leaves this flag for the post step. */
export function isPostStep(): boolean {
  return core.getState(State.IsPost) === 'true';
}

export function markMainStepStarted(): void {
  core.saveState(State.IsPost, 'true');
}

/** Called only after the receipt key is masked. */
export function rememberForBurnOnFailure(receiptKey: string): void {
  core.saveState(State.BurnReceiptKey, receiptKey);
}

/** With `recipients`: every receipt key the step created (masked before this is called). */
export function rememberManyForBurnOnFailure(receiptKeys: string[]): void {
  if (receiptKeys.length > 0) core.saveState(State.BurnReceiptKeys, JSON.stringify(receiptKeys));
}

export function receiptKeyToBurn(): string | undefined {
  const key = core.getState(State.BurnReceiptKey);
  return key === '' ? undefined : key;
}

/** Every receipt key the main step saved: the one of a single share, or those of each recipient. */
export function receiptKeysToBurn(): string[] {
  const keys: string[] = [];
  const single = receiptKeyToBurn();
  if (single !== undefined) keys.push(single);
  const many = core.getState(State.BurnReceiptKeys);
  if (many !== '') {
    // Written by rememberManyForBurnOnFailure; anything else is ignored rather than failing the post step.
    let parsed: unknown;
    try {
      parsed = JSON.parse(many);
    } catch {
      parsed = undefined;
    }
    if (Array.isArray(parsed)) keys.push(...parsed.filter((k): k is string => typeof k === 'string'));
  }
  return keys;
}
