import type { OtsServer } from '../../../server/index.ts';
import { Correspondence } from './compare.ts';
import type { Exchange } from './parse.ts';

export interface Replayed {
  exchange: Exchange;
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
}

/** Files the transcripts send with --data @file; each edge transcript states what big_anon.txt held. */
const BODY_FILES: Record<string, Record<string, string>> = {
  'v0.23.6-v1-edge.md': { 'big_anon.txt': `secret=${'x'.repeat(100_005)}` },
  'main-de53ff8-v1-edge.md': { 'big_anon.txt': `secret=${'a'.repeat(100_005)}` },
};

/**
 * Sends each recorded request, in order, to the local server, rewriting recorded keys into the
 * ones the server handed out so far. `before` runs ahead of a call (e.g. to move the clock).
 */
export async function replay(
  server: OtsServer,
  exchanges: Exchange[],
  correspondence: Correspondence,
  before: (exchange: Exchange) => void = () => {},
): Promise<Replayed[]> {
  const results: Replayed[] = [];
  for (const exchange of exchanges) {
    before(exchange);
    const { request } = exchange;
    const headers: Record<string, string> = { ...request.headers };
    if (request.user) headers.authorization = `Basic ${Buffer.from(request.user).toString('base64')}`;
    let body = request.body === undefined ? undefined : correspondence.substitute(request.body);
    if (request.bodyFile) {
      const file = BODY_FILES[exchange.transcript]?.[request.bodyFile];
      if (file === undefined) throw new Error(`no stand-in for --data @${request.bodyFile}`);
      body = body === undefined ? file : `${file}&${body}`;
    }
    const res = await fetch(`${server.url}${correspondence.substitute(request.path)}`, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    results.push({
      exchange,
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      headers: res.headers,
      text,
    });
    let recorded: unknown;
    let actual: unknown;
    try {
      recorded = JSON.parse(exchange.body);
      actual = JSON.parse(text);
    } catch {
      continue;
    }
    correspondence.learn(recorded, actual);
  }
  return results;
}

export function newCorrespondence(server: OtsServer, exchanges: Exchange[]): Correspondence {
  const origin = exchanges[0]?.origin;
  if (exchanges.some((e) => e.origin !== origin)) throw new Error('one replay, one recorded origin');
  return new Correspondence(origin ?? '', server.url);
}
