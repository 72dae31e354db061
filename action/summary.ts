import * as core from '@actions/core';
import { formatDuration, type Receipt } from '../core/index.ts';
import { escapeMarkup } from './server-text.ts';

export interface SummaryFacts {
  title: string;
  receipt: Receipt;
  /** How the link reached (or will reach) a person, in words; never the link itself. */
  delivery?: string;
  /** Put the link in the summary: only with `summary-include-link: true`. */
  link?: string;
}

/**
 * Writes a job summary. The summary is rendered for everyone with read access to the repository and is not
 * reliably scrubbed by log masking, so it holds only facts that give no access: never keys or the value, and
 * the link only when the user asked for it.
 */
export async function writeSummary(facts: SummaryFacts): Promise<void> {
  // Local runs and some runners have no summary file; core.summary would throw there.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const { receipt } = facts;
  const rows: Array<[string, string]> = [['State', receipt.state]];
  if (facts.delivery) rows.push(['Delivery', facts.delivery]);
  if (receipt.ttl !== undefined) rows.push(['TTL granted', formatDuration(receipt.ttl)]);
  if (receipt.expiresAt) rows.push(['Expires at', receipt.expiresAt.toISOString()]);
  if (receipt.passphraseRequired !== undefined) {
    rows.push(['Passphrase required', receipt.passphraseRequired ? 'yes' : 'no']);
  }
  if (facts.link) rows.push(['Link', facts.link]);
  // core.summary inserts cell text as raw HTML; every value is escaped, whoever made it.
  await core.summary
    .addHeading(escapeMarkup(facts.title), 3)
    .addTable([
      [
        { data: 'Fact', header: true },
        { data: 'Value', header: true },
      ],
      ...rows.map(([name, value]) => [escapeMarkup(name), escapeMarkup(value)]),
    ])
    .write();
}

/** 90 → "1m 30s", 7200 → "2h", 604800 → "7d": how people write TTLs. */
