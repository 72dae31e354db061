// The options callers pass, as the public contract states them.
import type { Dispatcher } from 'undici';
import type { CallOptions } from './http/transport.ts';
import type { Receipt, ReceiptState } from './receipt.ts';
import type { ApiVersion, Region } from './rules.ts';

export type { CallOptions };

export interface OtsClientOptions {
  /** onetimesecret.com region → https://<region>.onetimesecret.com (default us). */
  region?: Region;
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
  apiVersion?: ApiVersion;
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
