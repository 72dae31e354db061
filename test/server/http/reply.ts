import type { ServerResponse } from 'node:http';

export const JSON_UTF8 = 'application/json; charset=utf-8';

/** A complete response, built before anything is written so it goes out in one write. */
export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), contentType: JSON_UTF8, ...(headers ? { headers } : {}) };
}

/** The framework's answer to an unrouted path or a wrong method: note the bare content type and `error`. */
export function routeNotFound(): Reply {
  return { status: 404, body: '{"error":"Not Found"}', contentType: 'application/json' };
}

export interface SendOptions {
  /** Fault injection: announce the full length, send half of it, then drop the connection. */
  truncate?: boolean;
  close?: boolean;
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
