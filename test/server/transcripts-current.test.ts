import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences, label } from './transcripts/check.ts';
import { currentEraExpectation } from './transcripts/current-era.ts';
import { loadTranscripts, replaySession, type Session } from './transcripts/sessions.ts';

// The same recorded sequences against the current era: each answer must be the recorded one as
// changed by the differences ots-api.md documents for main (62-char keys, alias fields, intended
// status header, JSON on v1, working recent, side-effect-free receipts, the 10,000-byte limit, v2's
// receipt/metadata envelope and {error, error_type} errors).

function aliasProblems(value: unknown, siteUrl: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => aliasProblems(v, siteUrl));
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const problems = Object.values(o).flatMap((v) => aliasProblems(v, siteUrl));
  if (typeof o.metadata_key !== 'string') return problems;
  const same = (a: string, b: string) => {
    if (!(b in o)) return;
    if (JSON.stringify(o[a]) !== JSON.stringify(o[b])) problems.push(`${a} ${JSON.stringify(o[a])} ≠ ${b}`);
  };
  same('identifier', 'metadata_key');
  same('receipt_ttl', 'metadata_ttl');
  same('recipients', 'recipient');
  same('secret_identifier', 'secret_key');
  same('has_passphrase', 'passphrase_required');
  same('secret_value', 'value');
  same('receipt_url', 'metadata_url');
  if (o.metadata_url !== `${siteUrl}/receipt/${o.metadata_key}`)
    problems.push(`metadata_url ${String(o.metadata_url)}`);
  return problems;
}

describe('replaying the v0.23.6 transcripts against the current era', () => {
  const transcripts = loadTranscripts();
  const all = [...transcripts.v1, ...transcripts.v2, ...transcripts.edge];
  let session: Session;

  beforeAll(async () => {
    session = await replaySession('current', transcripts);
  });
  afterAll(() => session?.close());

  it.each(all.map((e) => [label(e), e] as const))('%s', (_name, exchange) => {
    const entry = session.results.get(exchange);
    if (!entry) throw new Error('not replayed');
    const problems = differences(entry.result, entry.correspondence, currentEraExpectation(exchange));
    if (!exchange.transcript.includes('v2') && entry.result.status === 200) {
      problems.push(...aliasProblems(JSON.parse(entry.result.text), entry.siteUrl));
    }
    expect(problems).toEqual([]);
  });
});
