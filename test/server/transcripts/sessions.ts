import type { EraName } from '../../../server/era.ts';
import { type OtsServer, startOtsServer } from '../../../server/index.ts';
import { TESTER } from '../helpers.ts';
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

/** Which real server a set of recordings comes from: v0.23.6, or upstream main at de53ff8. */
export type Recording = 'v0.23.6' | 'main-de53ff8';

export function loadTranscripts(recording: Recording = 'v0.23.6'): Transcripts {
  const dir = transcriptsDir();
  return {
    v1: parseTranscript(dir, `${recording}-v1.md`),
    edge: parseTranscript(dir, `${recording}-v1-edge.md`),
    v2: parseTranscript(dir, `${recording}-v2.md`),
  };
}

export interface Session {
  results: Map<Exchange, { result: Replayed; correspondence: Correspondence; siteUrl: string }>;
  /** The server T2 ran on, still open for follow-up checks. */
  edgeServer: OtsServer;
  edgeCorrespondence: Correspondence;
  close(): Promise<void>;
}

/** The main recordings' account (its token is in the curl lines) and their first timestamp. */
const MAIN_TESTER = { username: 'tester@example.com', apiToken: 'acceptancetoken0123456789abcdef01234567' };
const MAIN_START = 1_796_138_031;
/** main-de53ff8-v2.md: Redis emptied and the server restarted before this call (the recent-list section). */
const MAIN_RESTART_AT = 64;

/**
 * Replays the main-de53ff8 recordings in order: v1, then v2 up to the restart, on one server (v2's
 * recent list includes v1's receipts); the rest of v2 on a fresh server (a new account objid); the
 * edge cases on a server of their own, with the recorded 65 s wait.
 */
export async function replayMainSession(transcripts: Transcripts): Promise<Session> {
  const options = { era: 'current' as const, accounts: [MAIN_TESTER], startTime: MAIN_START };
  const servers = [await startOtsServer(options), await startOtsServer(options)];
  const edge = await startOtsServer(options);
  const results: Session['results'] = new Map();
  const run = async (server: OtsServer, exchanges: Exchange[], wait: (e: Exchange) => number = () => 0) => {
    const correspondence = newCorrespondence(server, exchanges);
    const replayed = await replay(server, exchanges, correspondence, (e) => server.clock.advance(wait(e)));
    for (const result of replayed)
      results.set(result.exchange, { result, correspondence, siteUrl: server.url });
    return correspondence;
  };
  try {
    const [first, second] = servers as [OtsServer, OtsServer];
    await run(first, [...transcripts.v1, ...transcripts.v2.filter((e) => e.number < MAIN_RESTART_AT)]);
    await run(
      second,
      transcripts.v2.filter((e) => e.number >= MAIN_RESTART_AT),
    );
    const edgeCorrespondence = await run(edge, transcripts.edge, (e) => EDGE_WAITS[e.number] ?? 0);
    return { results, edgeServer: edge, edgeCorrespondence, close: () => edge.close() };
  } catch (error) {
    await edge.close();
    throw error;
  } finally {
    for (const server of servers) await server.close();
  }
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
    const mainExchanges = [...transcripts.v1, ...transcripts.v2];
    const mainCorrespondence = newCorrespondence(main, mainExchanges);
    for (const result of await replay(main, mainExchanges, mainCorrespondence)) {
      results.set(result.exchange, { result, correspondence: mainCorrespondence, siteUrl: main.url });
    }
    const edgeCorrespondence = newCorrespondence(edge, transcripts.edge);
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
