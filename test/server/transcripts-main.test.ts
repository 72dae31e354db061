import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences, label } from './transcripts/check.ts';
import { mainEraExpectation } from './transcripts/main-era.ts';
import { loadTranscripts, replayMainSession, type Session } from './transcripts/sessions.ts';

// Replays every recorded call of the three main-de53ff8 transcripts (current upstream main) against
// the current era and compares status, content type, the headers a client reads (X-OTS-Intended-Status,
// Retry-After, X-Request-Id), field names and order, JSON types (floats stay floats) and every
// deterministic value; keys, generated values, owner objids and request ids are mapped one-to-one.
// The few calls listed in main-era.ts differ on purpose; server/README.md says why.

describe('replaying the main-de53ff8 transcripts against the current era', () => {
  const transcripts = loadTranscripts('main-de53ff8');
  const all = [...transcripts.v1, ...transcripts.v2, ...transcripts.edge];
  let session: Session;

  beforeAll(async () => {
    session = await replayMainSession(transcripts);
  });
  afterAll(() => session?.close());

  it('parsed every call of the three transcripts', () => {
    expect([transcripts.v1.length, transcripts.edge.length, transcripts.v2.length]).toEqual([62, 46, 116]);
  });

  it.each(all.map((e) => [`${label(e)}`, e] as const))('%s', (_name, exchange) => {
    const entry = session.results.get(exchange);
    if (!entry) throw new Error('not replayed');
    expect(differences(entry.result, entry.correspondence, mainEraExpectation(exchange))).toEqual([]);
  });
});
