// A scripted misbehaving OTS stand-in on 127.0.0.1: each request is answered by the test's script, which may send
// any status, headers and body, hang, stall mid-body or cut the connection. It records what it was sent (bounded)
// so a test can tell whether a secret was created, and it never outlives close().
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedRequest {
  method: string;
  path: string;
  body: string;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: unknown }
  /** Accept the request and never answer. */
  | 'hang'
  /** Send headers and part of a body, then nothing more. */
  | 'stall-body'
  /** Drop the connection without an answer. */
  | 'reset';

/** May answer later (a Promise), e.g. to hold one request back until another has been answered. */
export type Script = (request: ScriptedRequest) => Reply | Promise<Reply>;

export interface ScriptedServer {
  url: string;
  /** The last requests (at most 200), oldest first. */
  requests: ScriptedRequest[];
  script: Script;
  close(): Promise<void>;
}

const MAX_RECORDED = 200;

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  const state = { requests: [] as ScriptedRequest[], script };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        path: request.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.requests.push(recorded);
      if (state.requests.length > MAX_RECORDED) state.requests.shift();
      void Promise.resolve(state.script(recorded)).then((reply) => answer(reply, request, response));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get script() {
      return state.script;
    },
    set script(next: Script) {
      state.script = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(reply: Reply, request: IncomingMessage, response: ServerResponse): void {
  if (reply === 'hang') return;
  if (reply === 'reset') {
    request.socket.destroy();
    return;
  }
  if (reply === 'stall-body') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"record":');
    return;
  }
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
  response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  response.end(body);
}

/** A v2 receipt record as current servers send it, with any field replaced. */
export function v2Receipt(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identifier: RECEIPT_KEY,
    secret_identifier: SECRET_KEY,
    state: 'new',
    secret_ttl: 3600,
    created: 1_760_000_000,
    updated: 1_760_000_000,
    recipients: [],
    ...overrides,
  };
}

/** A v2 create answer ({record: {receipt, secret}}) with the receipt's fields replaced. */
export function v2Created(receipt: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    success: true,
    record: { receipt: v2Receipt(receipt), secret: { identifier: SECRET_KEY, secret_ttl: 3600 } },
    details: {},
  };
}

export const RECEIPT_KEY = 'r'.repeat(30) + '0123456789abcdefghijklmnopqrstuv';
export const SECRET_KEY = 's'.repeat(30) + '0123456789abcdefghijklmnopqrstuv';
