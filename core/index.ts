// Public surface of the core client. Everything else under core/ is internal.

export type { Settled } from './bulk.ts';
export type { BurnedReceipt } from './burn.ts';
export { OtsClient } from './client.ts';
export { validateClientOptions } from './config.ts';
export {
  OtsAbortError,
  OtsInputError,
  OtsInvalidRequestError,
  OtsNetworkError,
  OtsNotFoundError,
  OtsRateLimitError,
  OtsServerError,
  OtsTimeoutError,
  OtsUnauthorizedError,
} from './errors/kinds.ts';
export { isOtsError, OtsError, type OtsErrorCode } from './errors/ots-error.ts';
export { sensitiveForms, shortenKey } from './errors/redact.ts';
export { checkRecipients, handOverWarnings, MAX_RECIPIENTS } from './hand-over.ts';
export type { InputProblem, ValidationContext } from './inputs.ts';
export {
  validateBurn,
  validateGenerate,
  validateReceipt,
  validateReveal,
  validateShare,
  validateWait,
} from './inputs.ts';
export { type KeyKind, parseKey } from './key.ts';
// Every option and result type of the calls (only types live there).
export type * from './options.ts';
export type { Receipt, ReceiptState } from './receipt.ts';
// The rulebook is public as a whole: front ends and their generated docs read every part of it.
export * from './rules.ts';
export { formatDuration, parseTtl } from './ttl.ts';
export { createdReceiptKey } from './unusable-create.ts';
export { VERSION } from './version.ts';
