import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../accounts.ts';
import type { Reply } from './reply.ts';

/** One routed request, with its body already read. */
export interface Call {
  method: string;
  /** Path below the base path, e.g. /api/v1/share. */
  path: string;
  /** Query-string pairs in order, split the way the era's Rack splits them. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  contentType: string | undefined;
  routeParams: Record<string, string>;
  caller: Caller;
  remoteAddress: string;
}

export type Handler = (call: Call) => Reply | Promise<Reply>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** Where an API registers its routes. */
export interface RouteTable {
  add(methods: string | string[], pattern: string, handler: Handler): void;
}

export class Router implements RouteTable {
  readonly #routes: Route[] = [];

  add(methods: string | string[], pattern: string, handler: Handler): void {
    for (const method of Array.isArray(methods) ? methods : [methods]) {
      this.#routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    }
  }

  /** Registers on these same routes, passing every reply through `map` (e.g. one API's content type). */
  mapped(map: (reply: Reply) => Reply): RouteTable {
    return {
      add: (methods, pattern, handler) =>
        this.add(methods, pattern, async (call) => map(await handler(call))),
    };
  }

  /**
   * First match in registration order, so literal routes (…/recent) go before parameters (…/:key).
   * HEAD runs the GET route (the server then sends the headers only), as Rack and otto do.
   */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    if (method === 'HEAD') return this.match('GET', path);
    const parts = path.split('/').filter(Boolean);
    for (const route of this.#routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch {
            params[seg.slice(1)] = part;
          }
        } else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { handler: route.handler, params };
    }
    return undefined;
  }
}
