import type { EraName } from '../era.ts';
import { TESTER } from '../helpers.ts';
import { type OtsServer, startOtsServer } from '../index.ts';
import type { Correspondence } from './compare.ts';
import { type Exchange, parseTranscript, transcriptsDir } from './parse.ts';
import { newCorrespondence, type Replayed, replay } from './replay.ts';

/** The recording's first timestamp, so ages and expirations line up with the transcripts. */
const RECORDED_START = 1_795_388_476;
/** T2 waited 65 s for its ttl=60 secret to expire before call 11. */
const EDGE_WAITS: Record<number, number> = { 11: 65 };

export interface Transcripts {
  v1: Exchange[];
  edge: Exchange[];
  v2: Exchange[];
}

export function loadTranscripts(): Transcripts {
  const dir = transcriptsDir();
  return {
    v1: parseTranscript(dir, 'v0.23.6-v1.md'),
    edge: parseTranscript(dir, 'v0.23.6-v1-edge.md'),
    v2: parseTranscript(dir, 'v0.23.6-v2.md'),
  };
}

export interface Session {
  results: Map<Exchange, { result: Replayed; correspondence: Correspondence; siteUrl: string }>;
  /** The server T2 ran on, still open for follow-up checks. */
  edgeServer: OtsServer;
  edgeCorrespondence: Correspondence;
  close(): Promise<void>;
}

/**
 * Replays in recording order: T1 and then T3 on one server (T3's counters and recent list include
 * T1's secrets), T2 on a server of its own (its rate-limit count starts from zero).
 */
export async function replaySession(era: EraName, transcripts: Transcripts): Promise<Session> {
  const options = { era, accounts: [TESTER], startTime: RECORDED_START };
  const main = await startOtsServer(options);
  const edge = await startOtsServer(options);
  const results: Session['results'] = new Map();
  try {
    const mainCorrespondence = newCorrespondence(main);
    for (const result of await replay(main, [...transcripts.v1, ...transcripts.v2], mainCorrespondence)) {
      results.set(result.exchange, { result, correspondence: mainCorrespondence, siteUrl: main.url });
    }
    const edgeCorrespondence = newCorrespondence(edge);
    const edgeResults = await replay(edge, transcripts.edge, edgeCorrespondence, (e) =>
      edge.clock.advance(EDGE_WAITS[e.number] ?? 0),
    );
    for (const result of edgeResults)
      results.set(result.exchange, { result, correspondence: edgeCorrespondence, siteUrl: edge.url });
    return { results, edgeServer: edge, edgeCorrespondence, close: () => edge.close() };
  } catch (error) {
    await edge.close();
    throw error;
  } finally {
    await main.close();
  }
}
