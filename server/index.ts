import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type AccountOptions, Accounts } from './accounts.ts';
import { type Clock, type ClockMode, createClock } from './clock.ts';
import { ERAS, type EraName } from './era.ts';
import { type Fault, FaultQueue } from './faults.ts';
import { createApp } from './http/app.ts';
import { RequestLog } from './http/request-log.ts';
import { Router } from './http/router.ts';
import { FailedPassphraseLimiter, PassphraseLockout } from './rate-limit.ts';
import type { ServerState } from './state.ts';
import { Store } from './store.ts';
import { registerV1 } from './v1/routes.ts';
import { registerV2 } from './v2/routes.ts';

// The public surface of `ots-handoff/server` (package.json exports): startOtsServer, its options and the handle
// it returns, clock and fault control included. Everything else in server/ is internal.
export type { AccountOptions, AccountPlan } from './accounts.ts';
export type { Clock, ClockMode } from './clock.ts';
export type { EraName } from './era.ts';
export type { Fault } from './faults.ts';
export type { RequestLog, RequestLogEntry } from './http/request-log.ts';

export interface OtsServerOptions {
  /** Default 'current' (main/v0.26 wire format); 'v0.23' reproduces the recorded transcripts. */
  era?: EraName;
  /** Address to bind; default 127.0.0.1. The server is a test double: keep it on loopback. */
  host?: string;
  /** Default 0: any free port (read `port` or `url` from the result). */
  port?: number;
  /** Path prefix for self-hosted setups, e.g. '/ots' → /ots/api/v2/... */
  basePath?: string;
  accounts?: AccountOptions[];
  /** Registered custom share domains. */
  domains?: string[];
  /** Epoch seconds the clock starts at (default: now). */
  startTime?: number;
  /** 'manual' (default) moves only with clock.advance(); 'real' also follows wall time. */
  clockMode?: ClockMode;
  /**
   * Current era only: behave like main with billing on (onetimesecret.com): authenticated TTLs are
   * capped by the account's plan. Default false, like a self-hosted main and the main-de53ff8
   * recordings: 30 days on v1, 365 days on v2.
   */
  billing?: boolean;
  /** How many requests `requests` keeps (the newest; default 10,000). */
  requestLogSize?: number;
}

export interface OtsServer {
  /** Origin + basePath, no trailing slash. */
  url: string;
  port: number;
  era: EraName;
  /** Move time forward with `clock.advance(seconds)` to expire secrets without sleeping. */
  clock: Clock;
  /** Injected failures (delay, status, reset, truncate, html, rate-limit), taken by the next matching requests. */
  faults: { add(fault: Fault): void; clear(): void };
  /** The last requests (method, path, content type, whether credentials came), oldest first; a bounded ring. */
  requests: RequestLog;
  close(): Promise<void>;
}

function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return '';
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Answers malformed HTTP (huge headers, garbage bytes) with a clean 4xx instead of silence. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({ error: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request' });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startOtsServer(options: OtsServerOptions = {}): Promise<OtsServer> {
  const era = ERAS[options.era ?? 'current'];
  if (!era) throw new TypeError(`era must be 'current' or 'v0.23', got ${String(options.era)}`);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be a whole number from 0 to 65535, got ${String(options.port)}`);
  }
  const basePath = normalizeBasePath(options.basePath);
  const clock = createClock(options.startTime, options.clockMode ?? 'manual');
  const state: ServerState = {
    era,
    clock,
    store: new Store(clock, era.keyLength, era.shortKeyLength),
    accounts: new Accounts(options.accounts ?? [], clock.now()),
    domains: new Set((options.domains ?? []).map((d) => d.toLowerCase())),
    failedPassphrases: new FailedPassphraseLimiter(clock),
    lockout: new PassphraseLockout(clock),
    site: { url: '' },
    billing: options.billing ?? false,
  };
  const router = new Router();
  registerV1(router, state);
  registerV2(router, state);
  const faults = new FaultQueue();
  const requests = new RequestLog(options.requestLogSize);

  // Idle keep-alive connections outlive every common client's own idle timeout (Go: 90 s), so the
  // server is never the side that closes a connection a client is about to reuse.
  const server = createServer(
    { keepAliveTimeout: 120_000, headersTimeout: 125_000 },
    createApp({ state, router, faults, requests, basePath }),
  );
  server.on('clientError', answerClientError);
  await listen(server, port, host);
  const bound = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostInUrl}:${bound}${basePath}`;
  state.site.url = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: bound,
    era: era.name,
    clock,
    faults: { add: (fault) => faults.add(fault), clear: () => faults.clear() },
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
