// The rulebook: every choice, limit and default of what callers give, and the receipt states, written once.
// core enforces these through the checks in inputs.ts; the front ends and their generated docs read them.
import { MAX_TIMEOUT_MS } from './http/timeout.ts';

export const REGIONS = ['us', 'eu', 'ca', 'nz', 'uk'] as const;
export const API_VERSIONS = ['auto', 'v2', 'v1'] as const;

export const RULES = {
  region: { choices: REGIONS, default: 'us' },
  apiVersion: { choices: API_VERSIONS, default: 'auto' },
  /** Deadline of a whole call, retries and the waits between them included; milliseconds. */
  timeoutMs: { min: 1, max: MAX_TIMEOUT_MS, default: 30_000 },
  maxRetries: { min: 0, max: 10, default: 2 },
  /** onetimesecret.com refuses larger values (main since v0.24.3); older servers silently truncate them. */
  maxSecretBytes: { min: 1, default: 10_000 },
  /**
   * Generated password length. Who makes the password decides the default: the server (API v1 /generate, used
   * under apiVersion auto and v1) makes 12 characters, this machine (apiVersion v2) makes 16.
   */
  length: { min: 4, max: 128, default: { server: 12, client: 16 } },
  /** waitForReceipt(s): pause between reads, milliseconds; below 100 the loop hammers the server (0: a busy loop). */
  intervalMs: { min: 100, max: MAX_TIMEOUT_MS, default: 5_000 },
  /** waitForReceipts: the pause grows while nothing changes, up to this. */
  maxIntervalMs: { min: 100, max: MAX_TIMEOUT_MS, default: 60_000 },
  /** shareMany, handOverTo: requests in flight at once (waitForReceipts reads at the default). */
  concurrency: { min: 1, max: 64, default: 4 },
  /**
   * An email address with a dot in its domain (OTS refuses "ops@localhost"). No invisible characters (\p{C}: a
   * zero-width space or a direction override pasted along would send the link to an address nobody reads).
   */
  recipient: { pattern: /^[^\s@\p{C}]+@[^\s@\p{C}]+\.[^\s@\p{C}]+$/u, example: 'oncall@example.com' },
  /**
   * A custom domain registered with the account: a DNS name with at least one dot and no port, scheme or path.
   * Links are built as https://<shareDomain>/secret/…, and the name is written into outputs, summaries and
   * comments, so nothing but a host name is taken.
   */
  shareDomain: {
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
    example: 'secrets.example.com',
  },
} as const;

/** Receipt states as core reports them (older servers' names are translated when an answer is read). */
export const RECEIPT_STATES = ['new', 'viewed', 'received', 'burned', 'expired', 'orphaned'] as const;
/** States after which the secret can no longer be revealed: waits end there, burns have nothing left to do. */
export const FINAL_STATES = ['received', 'burned', 'expired', 'orphaned'] as const;
/** What front ends report for a state the server gave that is none of RECEIPT_STATES. */
export const UNKNOWN_STATE = 'unknown';

export function isFinal(state: string): boolean {
  return (FINAL_STATES as readonly string[]).includes(state);
}

/** The state itself when it is one of RECEIPT_STATES, else 'unknown': the one vocabulary front ends report. */
export function knownState(state: unknown): (typeof RECEIPT_STATES)[number] | typeof UNKNOWN_STATE {
  return RECEIPT_STATES.find((s) => s === state) ?? UNKNOWN_STATE;
}
