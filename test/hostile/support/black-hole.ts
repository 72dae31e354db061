// A TCP listener on 127.0.0.1 that accepts connections and never says a byte: a proxy that never answers CONNECT,
// a TLS server whose handshake never completes, an HTTP server that never sends headers.

import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';

export interface BlackHole {
  port: number;
  close(): Promise<void>;
}

export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
