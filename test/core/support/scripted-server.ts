// A scripted OTS stand-in per test file (or describe block), and a v2 client pointed at it.
import { afterAll, beforeAll } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from '../../hostile/support/scripted-server.ts';

export interface ScriptedHandle {
  readonly server: ScriptedServer;
  /** A v2 client for this server with a short timeout, made on first use and closed after the tests. */
  readonly client: OtsClient;
}

/** Starts the server before the tests of the enclosing scope and closes it (and the client) after them. */
export function useScriptedServer(script: Script = () => ({})): ScriptedHandle {
  let server: ScriptedServer | undefined;
  let client: OtsClient | undefined;
  beforeAll(async () => {
    server = await startScriptedServer(script);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('scripted server not started yet');
      return server;
    },
    get client() {
      client ??= new OtsClient({ baseUrl: this.server.url, apiVersion: 'v2', timeoutMs: 2_000 });
      return client;
    },
  };
}
