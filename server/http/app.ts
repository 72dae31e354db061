import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Fault, type FaultQueue, faultReply } from '../faults.ts';
import { generateRequestId } from '../keys.ts';
import type { ServerState } from '../state.ts';
import { readBody } from './body.ts';
import { BadRequest } from './params.ts';
import { rackPairs } from './query.ts';
import { JSON_UTF8, jsonReply, type Reply, routeNotFound, send, withRequestId } from './reply.ts';
import type { RequestLog } from './request-log.ts';
import type { Router } from './router.ts';

export type { RequestLogEntry } from './request-log.ts';

export interface AppOptions {
  state: ServerState;
  router: Router;
  faults: FaultQueue;
  requests: RequestLog;
  basePath: string;
}

function splitUrl(raw: string): { path: string; query: string } {
  const q = raw.indexOf('?');
  return q < 0 ? { path: raw, query: '' } : { path: raw.slice(0, q), query: raw.slice(q + 1) };
}

/** The node:http request listener: log, faults, body, route, one complete write. */
export function createApp(options: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, router, faults, requests, basePath } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const { path: fullPath, query } = splitUrl(req.url ?? '/');
    const contentType = req.headers['content-type'];
    requests.push({
      method,
      path: fullPath,
      ...(contentType === undefined ? {} : { contentType }),
      hasAuth: req.headers.authorization !== undefined,
    });
    // main names every request (X-Request-Id), and its logic errors repeat the name as request_id.
    const requestId = state.era.name === 'current' ? generateRequestId() : undefined;
    const named = (reply: Reply): Reply =>
      requestId === undefined
        ? reply
        : { ...withRequestId(reply, requestId), headers: { ...reply.headers, 'X-Request-Id': requestId } };
    const inBase = basePath === '' || fullPath === basePath || fullPath.startsWith(`${basePath}/`);
    const path = inBase ? fullPath.slice(basePath.length) || '/' : fullPath;

    // Start reading at once: a client that hangs up during an injected delay must not leave us waiting.
    const bodyRead = readBody(req);
    let fault: Fault | undefined = faults.take(method, [fullPath, path]);
    if (fault?.type === 'delay') {
      await sleep(fault.ms);
      fault = undefined;
    }
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = await bodyRead;
    if (!body.ok) {
      if (body.reason === 'too-large') {
        send(res, jsonReply(413, { error: 'Payload Too Large' }), { close: true });
      }
      return;
    }
    const canned = fault ? faultReply(fault) : undefined;
    if (canned) {
      send(res, canned);
      return;
    }
    const truncate = fault?.type === 'truncate';
    const route = inBase ? router.match(method, path) : undefined;
    if (!route) {
      const v2 = state.era.name === 'current' && path.startsWith('/api/v2/');
      send(res, named(routeNotFound(v2 ? { error_type: 'NotFound' } : {})), { truncate });
      return;
    }
    let reply: Reply;
    try {
      reply = await route.handler({
        method,
        path,
        query: rackPairs(query, state.era.name === 'v0.23' ? '&;' : '&'),
        headers: req.headers,
        body: body.body,
        contentType,
        routeParams: route.params,
        caller: state.accounts.identify(req.headers.authorization),
        remoteAddress: req.socket.remoteAddress ?? '',
      });
    } catch (error) {
      reply =
        error instanceof BadRequest
          ? jsonReply(400, { error: 'Bad Request', message: error.message })
          : { status: 500, body: '{"message":"An unexpected error occurred :["}', contentType: JSON_UTF8 };
    }
    send(res, named(reply), { truncate });
  }

  return (req, res) => {
    handle(req, res).catch(() => {
      // Last resort: the socket may be gone already; never let one request take the server down.
      if (!res.headersSent)
        send(res, jsonReply(500, { message: 'An unexpected error occurred :[' }), { close: true });
      else res.destroy();
    });
  };
}
