import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences, label } from './transcripts/check.ts';
import { loadTranscripts, replaySession, type Session } from './transcripts/sessions.ts';

// Replays every recorded call of the three real-server transcripts against the local server in the
// v0.23 era and compares status, content type, field names and order, JSON types and every
// deterministic value (keys, shrimps and generated passwords are mapped one-to-one).

describe('replaying the v0.23.6 transcripts against the v0.23 era', () => {
  const transcripts = loadTranscripts();
  const all = [...transcripts.v1, ...transcripts.v2, ...transcripts.edge];
  let session: Session;

  beforeAll(async () => {
    session = await replaySession('v0.23', transcripts);
  });
  afterAll(() => session?.close());

  it('parsed every call of the three transcripts', () => {
    expect([transcripts.v1.length, transcripts.edge.length, transcripts.v2.length]).toEqual([60, 22, 23]);
  });

  it.each(all.map((e) => [label(e), e] as const))('%s', (_name, exchange) => {
    const entry = session.results.get(exchange);
    if (!entry) throw new Error('not replayed');
    expect(differences(entry.result, entry.correspondence)).toEqual([]);
  });

  it('truncated the 100,005-char anonymous secret of T2#6 to 100,000 characters, as recorded', async () => {
    const secretKey = session.edgeCorrespondence.keys.forward.get('1ndr4ruin63sqz6h22uizzu9okyf9te');
    expect(secretKey).toMatch(/^[0-9a-z]{31}$/);
    const res = await fetch(`${session.edgeServer.url}/api/v1/secret/${secretKey}`, { method: 'POST' });
    const body = (await res.json()) as { value: string };
    expect(body.value).toBe('x'.repeat(100_000));
  });
});
