// The options callers pass and the results they get, as the public contract states them (all types).
import type { Dispatcher } from 'undici';
import type { Settled } from './bulk.ts';
import type { BurnedReceipt } from './burn.ts';
import type { OtsError } from './errors/ots-error.ts';
import type { CallOptions } from './http/transport.ts';
import type { Receipt, ReceiptState } from './receipt.ts';
import type { API_VERSIONS, REGIONS } from './rules.ts';

export type { CallOptions };

export interface OtsClientOptions {
  /** onetimesecret.com region → https://<region>.onetimesecret.com (default us). */
  region?: (typeof REGIONS)[number];
  /**
   * Self-hosted OTS: any port, a path prefix, trailing slash or not. A trailing /api, /api/v1 or /api/v2 (often
   * copied from API docs) is removed, because API paths are built from the site root: https://h/ots/api/v2 means
   * https://h/ots. `client.baseUrl` shows the result.
   */
  baseUrl?: string;
  /** HTTP Basic user (the account email); needs apiToken too. */
  username?: string;
  apiToken?: string;
  /** 'auto' (default): v2, falling back to v1 when the server does not route v2. */
  apiVersion?: (typeof API_VERSIONS)[number];
  /** Deadline of each call in milliseconds, retries and the waits between them included; default 30 000. */
  timeoutMs?: number;
  /**
   * Extra attempts, default 2: for idempotent reads (status, receipt, recent) after any transient failure; for
   * writes only when the server provably did nothing (it answered 429, or refused the connection), waiting out a
   * Retry-After of at most 30 s that ends before the call's deadline. A write that may have happened is never sent
   * again.
   */
  maxRetries?: number;
  /** Allow plain http:// to a non-loopback host. */
  allowInsecureHttp?: boolean;
  /** Secrets larger than this many UTF-8 bytes are refused before sending (default 10 000). */
  maxSecretBytes?: number;
  /** An undici (7 or later) dispatcher to send through; the client then neither creates nor closes one. */
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface PassphraseOptions extends CallOptions {
  /** '' means no passphrase. */
  passphrase?: string;
}

export interface ShareOptions extends PassphraseOptions {
  /** Seconds, or '90s' | '15m' | '2h' | '7d' | '1w'. Unset: the server default (7 days on onetimesecret.com). */
  ttl?: number | string;
  /** Email the link to this address (needs an account). */
  recipient?: string;
  /** A custom domain registered with the account; links then use https://<shareDomain>. */
  shareDomain?: string;
}

export interface GenerateOptions extends ShareOptions {
  /** Length of the generated password, RULES.length: 4 to 128, default 12 when the server generates it, 16 when this machine does. */
  length?: number;
}

export interface WaitOptions extends CallOptions {
  /**
   * States to wait for: new, viewed, received, burned, expired, orphaned (default: the four final ones). A final
   * state always ends the wait. Anything else is refused, since it could never match.
   */
  until?: ReadonlyArray<ReceiptState>;
  /** Pause between receipt reads, 100 ms or more, default 5 000. Bound the whole wait with `signal` (AbortSignal.timeout). */
  intervalMs?: number;
}

export interface ServerStatus {
  status: string;
  locale?: string;
  version?: string;
}

export interface RevealedSecret {
  value: string;
  secretKey: string;
  /** Host of the custom domain the secret was shared under, when it is not the client's own host. */
  shareDomain?: string;
}

/** Who made the password: the OTS server (API v1 /generate) or this machine (node:crypto, then concealed). */
export type GeneratedBy = 'server' | 'client';

export type GeneratedSecret = Receipt & { value: string; generatedBy: GeneratedBy };

/** What to hand over: `secret` (a value), or `generate: true` (a password, made by the server when it can). */
export type HandOverRequest = ShareOptions &
  (
    | { secret: string; generate?: false; length?: undefined }
    | { generate: true; length?: number; secret?: undefined }
  );

export interface HandOver {
  /** The receipt; it never holds the value. */
  receipt: Receipt;
  /** The generated password (generate only). */
  value?: string;
  generatedBy?: GeneratedBy;
  /** What the server did differently from what was asked (today: a TTL it clamped), one sentence each. */
  warnings: string[];
}

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

export interface WaitManyOptions extends WaitOptions {
  /** The pause grows by half each round in which no receipt changed, up to this (default 60 000, at least intervalMs). */
  maxIntervalMs?: number;
  /** Give up after this many milliseconds and return what is known, with `timedOut: true` (default: no limit). */
  timeoutMs?: number;
  /** Called after every round of reads, e.g. for a progress line. */
  onRound?: (progress: WaitManyProgress) => void;
}

export interface WaitManyProgress {
  /** Latest receipt per key, in input order; undefined while no read of it has succeeded. */
  receipts: ReadonlyArray<Receipt | undefined>;
  /** How many keys reached a state in `until` or a final state. */
  done: number;
  elapsedMs: number;
}

export interface WaitManyResult {
  /** Latest receipt per key, in input order; undefined when no read of it ever succeeded. */
  receipts: Array<Receipt | undefined>;
  /** Per key: its state is one of `until` or final. */
  done: boolean[];
  /** Per key: the last read failure (transient ones are outlived by polling), when its last read failed. */
  errors: Array<OtsError | undefined>;
  /** Every key is done. */
  complete: boolean;
  /** The time limit passed before every key was done. */
  timedOut: boolean;
}
