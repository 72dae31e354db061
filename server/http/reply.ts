import type { ServerResponse } from 'node:http';

export const JSON_UTF8 = 'application/json; charset=utf-8';

/** A complete response, built before anything is written so it goes out in one write. */
export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  /** main's logic errors name the request (X-Request-Id) in their body too, as request_id. */
  requestId?: boolean;
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), contentType: JSON_UTF8, ...(headers ? { headers } : {}) };
}

/** The framework's answer to an unrouted path or a wrong method: note the bare content type and `error`. */
export function routeNotFound(extra: Record<string, string> = {}): Reply {
  return {
    status: 404,
    body: JSON.stringify({ error: 'Not Found', ...extra }),
    contentType: 'application/json',
  };
}

export interface SendOptions {
  /** Fault injection: announce the full length, send half of it, then drop the connection. */
  truncate?: boolean;
  close?: boolean;
}

/** A JSON object reply with request_id appended, for main's logic errors. */
export function withRequestId(reply: Reply, id: string): Reply {
  if (!reply.requestId) return reply;
  const value = JSON.parse(reply.body) as Record<string, unknown>;
  return { ...reply, body: JSON.stringify({ ...value, request_id: id }) };
}

export function send(res: ServerResponse, reply: Reply, options: SendOptions = {}): void {
  const body = Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string | number> = {
    'Content-Type': reply.contentType,
    'Content-Length': body.length,
    ...reply.headers,
  };
  if (options.close) headers.Connection = 'close';
  res.writeHead(reply.status, headers);
  if (options.truncate) {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return;
  }
  res.end(body);
}
