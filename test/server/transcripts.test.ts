import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TESTER } from './helpers.ts';
import { type OtsServer, startOtsServer } from './index.ts';
import { type Correspondence, compareTruncated } from './transcripts/compare.ts';
import { type Exchange, parseTranscript, transcriptsDir } from './transcripts/parse.ts';
import { newCorrespondence, type Replayed, replay } from './transcripts/replay.ts';

// Replays every recorded call of the three real-server transcripts against the local server in the
// v0.23 era, in recording order (T1, then T3 on the same server, as recorded; T2 on its own), and
// compares status, content type, field names, JSON types and every deterministic value.

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const T1 = 'v0.23.6-v1.md';
const T2 = 'v0.23.6-v1-edge.md';
const T3 = 'v0.23.6-v2.md';
/** The recording's first timestamp, so natural-language durations and ages line up. */
const RECORDED_START = 1_795_388_476;

function isGenerate(exchange: Exchange): boolean {
  return /\/generate(\?|$)/.test(exchange.request.path);
}

function differences(result: Replayed, correspondence: Correspondence): string[] {
  const { exchange } = result;
  const problems: string[] = [];
  if (result.status !== exchange.status)
    problems.push(`status ${result.status}, recorded ${exchange.status}`);
  if (result.contentType !== exchange.contentType) {
    problems.push(`content type ${result.contentType}, recorded ${exchange.contentType}`);
  }
  let recorded: unknown;
  try {
    recorded = JSON.parse(exchange.body);
  } catch {
    return [...problems, ...compareTruncated(exchange.body, result.text)];
  }
  let actual: unknown;
  try {
    actual = JSON.parse(result.text);
  } catch {
    return [...problems, `answer is not JSON: ${result.text.slice(0, 200)}`];
  }
  return [...problems, ...correspondence.compare(recorded, actual, { generated: isGenerate(exchange) })];
}

const label = (e: Exchange) =>
  `${e.transcript.replace('v0.23.6-', '').replace('.md', '')}#${e.number} ${e.title}`;

describe('replaying the v0.23.6 transcripts against the v0.23 era', () => {
  const dir = transcriptsDir(REPO_ROOT);
  const t1 = parseTranscript(dir, T1);
  const t2 = parseTranscript(dir, T2);
  const t3 = parseTranscript(dir, T3);
  const results = new Map<Exchange, { result: Replayed; correspondence: Correspondence }>();
  let edgeServer: OtsServer;
  let edgeCorrespondence: Correspondence;

  beforeAll(async () => {
    const options = { era: 'v0.23' as const, accounts: [TESTER], startTime: RECORDED_START };
    const main = await startOtsServer(options);
    const edge = await startOtsServer(options);
    try {
      const mainCorrespondence = newCorrespondence(main);
      for (const result of await replay(main, [...t1, ...t3], mainCorrespondence)) {
        results.set(result.exchange, { result, correspondence: mainCorrespondence });
      }
      edgeCorrespondence = newCorrespondence(edge);
      // T2 waited 65 s for the ttl=60 secret to expire before call 11.
      const waits: Record<number, number> = { 11: 65 };
      const edgeResults = await replay(edge, t2, edgeCorrespondence, (e) =>
        edge.clock.advance(waits[e.number] ?? 0),
      );
      for (const result of edgeResults)
        results.set(result.exchange, { result, correspondence: edgeCorrespondence });
      edgeServer = edge;
    } finally {
      await main.close();
    }
    return () => edge.close();
  });

  it('parsed every call of the three transcripts', () => {
    expect([t1.length, t2.length, t3.length]).toEqual([60, 22, 23]);
  });

  it.each([...t1, ...t3, ...t2].map((e) => [label(e), e] as const))('%s', (_name, exchange) => {
    const entry = results.get(exchange);
    if (!entry) throw new Error('not replayed');
    expect(differences(entry.result, entry.correspondence)).toEqual([]);
  });

  it('truncated the 100,005-char anonymous secret of T2#6 to 100,000 characters, as recorded', async () => {
    const secretKey = [...edgeCorrespondence.keys.forward.entries()].find(
      ([k]) => k === '1ndr4ruin63sqz6h22uizzu9okyf9te',
    )?.[1];
    expect(secretKey).toBeDefined();
    const res = await fetch(`${edgeServer.url}/api/v1/secret/${secretKey}`, { method: 'POST' });
    const body = (await res.json()) as { value: string };
    expect(body.value.length).toBe(100_000);
  });
});
