import * as core from '@actions/core';
import { createdReceiptKey, type OtsClient, type Receipt } from '../core/index.ts';
import { postLinkComment } from './comment.ts';
import type { ShareSettings } from './inputs.ts';
import { mask } from './mask.ts';
import { rememberForBurn } from './post.ts';
import { escapeForLog, output, secured, setReceiptOutputs, warn, writeReceiptSummary } from './report.ts';

/** Creates the one-time secret (given or generated), then outputs, delivery and summary, in that order. */
export async function share(settings: ShareSettings, client: OtsClient): Promise<Receipt> {
  const { request } = settings;
  const handedOver = await client.handOver(request).catch((error: unknown) => {
    surfaceUnburned(error);
    throw error;
  });
  mask(handedOver.value);
  const receipt = secured(handedOver.receipt);
  if (settings.burnOnFailure) rememberForBurn([receipt.receiptKey]);
  const withholdLink = request.recipient !== undefined;
  setReceiptOutputs(receipt, withholdLink, handedOver.value);
  warn(handedOver.warnings);
  core.info(
    `Created a one-time secret${request.generate ? ' from a generated credential' : ''}` +
      `${receipt.expiresAt ? `, valid until ${receipt.expiresAt.toISOString()}` : ''} (state: ${receipt.state}).`,
  );

  let commentFailure: unknown;
  let delivery = withholdLink
    ? `emailed by Onetime Secret to ${receipt.recipients.length || 1} recipient(s)`
    : 'step outputs only';
  if (settings.commentOn) {
    const { issue } = settings.commentOn;
    if (!receipt.secretUrl) throw new Error('The server returned no link to post; nothing was commented.');
    core.warning(
      `"comment-on": the link is posted to #${issue}. Anyone who can read #${issue} can open it first ` +
        'and consume it; "recipient" (email delivery) keeps the link out of GitHub.',
    );
    try {
      const commentUrl = await postLinkComment({
        ...settings.commentOn,
        link: receipt.secretUrl,
        timeoutMs: settings.connection.timeoutMs,
        expiresAt: receipt.expiresAt,
        passphraseRequired: receipt.passphraseRequired,
      });
      core.info(`Posted the link to #${issue}: ${escapeForLog(commentUrl)}`);
      delivery = `comment on #${issue}`;
    } catch (error) {
      // The secret exists and its outputs are set: the summary still says so, then the step fails.
      commentFailure = error;
      delivery = `step outputs only (the comment on #${issue} failed)`;
    }
  }

  if (settings.summary) {
    const link = settings.summaryIncludeLink ? receipt.secretUrl : undefined;
    if (settings.summaryIncludeLink) {
      core.warning(
        '"summary-include-link": the job summary shows the link to everyone who can read this repository\'s runs.',
      );
    }
    await writeReceiptSummary('One-time secret shared', receipt, delivery, link);
  }
  if (commentFailure !== undefined) throw commentFailure;
  return receipt;
}

/**
 * The server created a secret whose answer cannot be used, and core could not burn it either: the receipt key
 * becomes a (masked) output so it can be burned by hand, rather than a live link nobody knows.
 */
function surfaceUnburned(error: unknown): void {
  const receiptKey = createdReceiptKey(error);
  if (receiptKey === undefined) return;
  mask(receiptKey);
  output('receipt-key', receiptKey);
  core.warning(
    'The secret the server created could not be used and could not be burned: burn it with the "receipt-key" output.',
  );
}

/**
 * Invisible bytes at the edges of secret-file are shared too (nothing is dropped), so the step says so, once, for a
 * share and for recipients alike (main.ts), after the value is masked.
 */
export function noticeFileEdges(settings: ShareSettings): void {
  const { request } = settings;
  if (settings.fromFile && /\r?\n$/.test(request.secret ?? '')) {
    core.notice(
      '"secret-file" ends with a line break, which is shared as part of the secret. ' +
        "Write the file with printf '%s' if the recipient should not get it.",
    );
  }
  if (settings.fromFile && request.secret?.startsWith('\uFEFF')) {
    core.notice(
      '"secret-file" starts with a UTF-8 byte-order mark (EF BB BF), which is shared as part of the secret. ' +
        'Save the file as UTF-8 without BOM if the recipient should not get it.',
    );
  }
}
