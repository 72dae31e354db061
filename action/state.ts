import * as core from '@actions/core';

/**
 * State the main step hands to the post step. The runner stores it (GITHUB_STATE) and gives it back to the
 * post step only, as STATE_* variables; it never appears in logs.
 */
export const State = {
  IsPost: 'isPost',
  BurnReceiptKey: 'burnReceiptKey',
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

export function receiptKeyToBurn(): string | undefined {
  const key = core.getState(State.BurnReceiptKey);
  return key === '' ? undefined : key;
}
