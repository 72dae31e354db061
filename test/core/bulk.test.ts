// shareMany: bounded concurrency, input order, per-item failures, all-or-nothing input checks.
import { Agent, DecoratorHandler, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { rejection, useServer } from './support/server.ts';

const ots = useServer();
afterEach(() => ots.server.faults.clear());

/** A real undici agent that records how many requests were in flight at once. */
function countingAgent(): { agent: Dispatcher; max: () => number } {
  let inFlight = 0;
  let max = 0;
  type Ends = Required<Pick<Dispatcher.DispatchHandler, 'onResponseEnd' | 'onResponseError'>>;
  const agent = new Agent().compose((dispatch) => (options, handler) => {
    inFlight++;
    max = Math.max(max, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    // DecoratorHandler adapts whatever handler undici passes; its typings omit the callbacks it forwards.
    const wrapped = new DecoratorHandler(handler) as DecoratorHandler & Ends;
    const end = wrapped.onResponseEnd.bind(wrapped);
    const fail = wrapped.onResponseError.bind(wrapped);
    wrapped.onResponseEnd = (controller, trailers) => {
      finish();
      end(controller, trailers);
    };
    wrapped.onResponseError = (controller, error) => {
      finish();
      fail(controller, error);
    };
    return dispatch(options, wrapped);
  });
  return { agent, max: () => max };
}

describe('shareMany', () => {
  it('shares every item with at most `concurrency` requests in flight, results in input order', async () => {
    const { agent, max } = countingAgent();
    const client = ots.client({ dispatcher: agent, apiVersion: 'v2' });
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'delay', ms: 20, times: 12 });
    const items = Array.from({ length: 12 }, (_, i) => ({ secret: `secret number ${i}`, ttl: 600 + i }));
    const results = await client.shareMany(items, { concurrency: 3 });
    expect(max()).toBe(3);
    expect(results.map((r) => r.ok)).toEqual(items.map(() => true));
    for (const [i, result] of results.entries()) {
      if (!result.ok) throw result.error;
      expect(result.value.ttl).toBe(600 + i);
      expect((await client.reveal(result.value.secretKey!)).value).toBe(`secret number ${i}`);
    }
    await agent.close();
  });

  it('reports each failed item in place and still shares the others', async () => {
    const client = ots.client();
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'reset' });
    const results = await client.shareMany([{ secret: 'a' }, { secret: 'b' }, { secret: 'c' }], {
      concurrency: 1,
    });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['network', 'ok', 'ok']);
  });

  it('checks every item before sending any', async () => {
    const client = ots.client();
    const before = ots.server.requests.length;
    const error = await rejection(client.shareMany([{ secret: 'fine' }, { secret: 'x', ttl: 'soon' }]));
    expect(error).toBeInstanceOf(OtsInputError);
    expect(error.field).toBe('items[1].ttl');
    expect(error.message).toMatch(/^items\[1\]\.ttl: "soon" is not a valid TTL/);
    expect((await rejection(client.shareMany([{ secret: 'x' }], { concurrency: 0 }))).field).toBe(
      'concurrency',
    );
    expect(ots.server.requests.length).toBe(before);
  });
});
