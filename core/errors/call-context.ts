// What an error may say about the call it ends: built by the session for each request it sends.

export type Operation = 'status' | 'share' | 'generate' | 'reveal' | 'receipt' | 'burn' | 'recent';

export interface CallContext {
  operation: Operation;
  method: string;
  /** The request path with the key shortened. */
  path: string;
  key?: string;
  /** Values that must never appear in a message: secret, passphrase, token. */
  sensitive: ReadonlyArray<string | undefined>;
}
