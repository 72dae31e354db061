// What each API version must provide: request builders and readers into the domain model.
import type { ReceiptFields } from '../receipt.ts';

export type ApiVersion = 'v1' | 'v2';

export interface WireRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with /api/. */
  path: string;
  body?: string;
  contentType?: 'form' | 'json';
  /** Safe to repeat: only idempotent reads are ever retried. */
  idempotent: boolean;
  /** The key inside `path`, so errors can print the path with the key shortened. */
  key?: string;
}

export interface CreateInput {
  secret?: string;
  ttl?: number;
  passphrase?: string;
  recipient?: string;
  shareDomain?: string;
  length?: number;
}

export interface ServerStatus {
  status: string;
  locale?: string;
  version?: string;
}

export interface Created {
  fields: ReceiptFields;
  /** The generated value (generate only). */
  value?: string;
}

export interface Revealed {
  value: string;
  secretKey: string;
  shareDomain?: string;
}

export interface Burned {
  /** The receipt the answer carries: often as it was before the burn; absent when main burned nothing. */
  fields?: ReceiptFields;
  /** false when the server says nothing was burned (the secret was already gone). */
  burned: boolean;
}

export interface WireApi {
  readonly version: ApiVersion;
  status(): WireRequest;
  readStatus(body: unknown): ServerStatus;
  /** The server's software version, where the API has an endpoint for it. */
  serverVersion?(): WireRequest;
  readServerVersion?(body: unknown): string | undefined;
  share(input: CreateInput): WireRequest;
  generate(input: CreateInput): WireRequest;
  readCreated(body: unknown): Created;
  reveal(key: string, passphrase: string | undefined): WireRequest;
  readRevealed(body: unknown): Revealed;
  receipt(key: string): WireRequest;
  readReceipt(body: unknown): ReceiptFields;
  burn(key: string, passphrase: string | undefined): WireRequest;
  readBurned(body: unknown): Burned;
  recent(): WireRequest;
  readRecent(body: unknown): ReceiptFields[];
}
