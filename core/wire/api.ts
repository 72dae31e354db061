// What each API version must provide: for every operation, the request it sends and the reader of its 2xx answer
// into the domain model. The session runs an operation by name from the table of the version in use.
import type { ServerStatus } from '../options.ts';
import type { ReceiptFields } from '../receipt.ts';

/** A JSON object from an answer, members unchecked: the readers in read.ts look at each one. */
export type Json = Record<string, unknown>;

export interface WireRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with /api/. */
  path: string;
  body?: string;
  contentType?: 'form' | 'json';
  /** Safe to repeat: only idempotent reads are retried after a failure that may have reached the server. */
  idempotent: boolean;
}

export interface CreateInput {
  secret?: string;
  ttl?: number;
  passphrase?: string;
  recipient?: string;
  shareDomain?: string;
  length?: number;
}

/** A secret or receipt key, with the passphrase that reveal and burn may need. */
export interface KeyInput {
  key: string;
  passphrase?: string | undefined;
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

// One operation over one API version: `read` throws an OtsServerError (wire/unexpected.ts) on a 2xx body it cannot read.
interface Operation<In, Out> {
  request(input: In): WireRequest;
  read(body: unknown): Out;
}

export interface WireApi {
  readonly version: 'v1' | 'v2';
  status: Operation<void, ServerStatus>;
  share: Operation<CreateInput, Created>;
  generate: Operation<CreateInput, Created>;
  reveal: Operation<KeyInput, Revealed>;
  receipt: Operation<KeyInput, ReceiptFields>;
  burn: Operation<KeyInput, Burned>;
  recent: Operation<void, ReceiptFields[]>;
  /** The server's software version, where the API has an endpoint for it (v2). */
  serverVersion?: Operation<void, string | undefined>;
}

export type OperationName = Exclude<keyof WireApi, 'version'>;
export type InputOf<N extends OperationName> = Parameters<NonNullable<WireApi[N]>['request']>[0];
export type OutputOf<N extends OperationName> = ReturnType<NonNullable<WireApi[N]>['read']>;
