// A real local OTS server per test file, and clients pointed at it.
import { afterAll, beforeAll, expect } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { OtsInputError } from '../../../core/errors/kinds.ts';
import type { OtsClientOptions } from '../../../core/options.ts';
import { type OtsServer, type OtsServerOptions, startOtsServer } from '../../../server/index.ts';

export const ACCOUNT = {
  username: 'tester@example.com',
  apiToken: 'testtoken0123456789abcdef0123456789abcdef',
};

export interface ServerHandle {
  readonly server: OtsServer;
  /** A client for this server; closed after the file's tests. */
  client(options?: OtsClientOptions): OtsClient;
}

export function useServer(options: OtsServerOptions = {}): ServerHandle {
  let server: OtsServer | undefined;
  const clients: OtsClient[] = [];
  beforeAll(async () => {
    server = await startOtsServer({ accounts: [ACCOUNT], ...options });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('server not started yet');
      return server;
    },
    client(clientOptions: OtsClientOptions = {}) {
      const client = new OtsClient({ baseUrl: this.server.url, ...clientOptions });
      clients.push(client);
      return client;
    },
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export type Failure = Error & Record<string, unknown>;

export async function rejection(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The OtsInputError a synchronous call throws (fails the test otherwise). */
export function inputError(fn: () => unknown): OtsInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OtsInputError);
    return error as OtsInputError;
  }
  throw new Error('expected an OtsInputError');
}
