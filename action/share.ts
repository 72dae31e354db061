import * as core from '@actions/core';
import {
  createdReceiptKey,
  type HandOver,
  type HandOverRequest,
  type OtsClient,
  type Receipt,
} from '../core/index.ts';
import { postLinkComment } from './comment.ts';
import { Inputs, type ShareSettings } from './inputs.ts';
import { mask, maskReceipt } from './mask.ts';
import { Outputs, setReceiptOutputs } from './outputs.ts';
import { escapeForLog, withKnownState } from './server-text.ts';
import { rememberForBurnOnFailure } from './state.ts';
import { writeSummary } from './summary.ts';

/** Creates the one-time secret (given or generated), then outputs, delivery and summary, in that order. */
export async function share(settings: ShareSettings, client: OtsClient): Promise<Receipt> {
  const { payload } = settings;
  if (payload.kind === 'secret' && payload.from === Inputs.SecretFile && /\r?\n$/.test(payload.value)) {
    core.notice(
      `"${Inputs.SecretFile}" ends with a line break, which is shared as part of the secret. ` +
        "Write the file with printf '%s' if the recipient should not get it.",
    );
  }

  const request: HandOverRequest = {
    ...(payload.kind === 'generate'
      ? { generate: true, ...(payload.length === undefined ? {} : { length: payload.length }) }
      : { secret: payload.value }),
    ...(settings.ttl === undefined ? {} : { ttl: settings.ttl }),
    ...(settings.passphrase === undefined ? {} : { passphrase: settings.passphrase }),
    ...(settings.recipient === undefined ? {} : { recipient: settings.recipient }),
    ...(settings.shareDomain === undefined ? {} : { shareDomain: settings.shareDomain }),
  };
  let handedOver: HandOver;
  try {
    handedOver = await client.handOver(request);
  } catch (error) {
    surfaceUnburned(error);
    throw error;
  }
  const { value, warnings } = handedOver;
  if (value !== undefined) mask(value);
  maskReceipt(handedOver.receipt);
  const receipt = withKnownState(handedOver.receipt);
  if (settings.burnOnFailure) rememberForBurnOnFailure(receipt.receiptKey);

  const withholdLink = settings.recipient !== undefined;
  setReceiptOutputs(receipt, { withholdLink, ...(value === undefined ? {} : { value }) });
  // Core words warnings with its option names ("ttl: …"); say them as action.yml does.
  for (const warning of warnings)
    core.warning(warning.replace(/^(\w+): /, (_, name: string) => `"${name}": `));
  core.info(
    `Created a one-time secret${payload.kind === 'generate' ? ' from a generated credential' : ''}` +
      `${receipt.expiresAt ? `, valid until ${receipt.expiresAt.toISOString()}` : ''} (state: ${receipt.state}).`,
  );

  let commentFailure: unknown;
  let delivery = withholdLink
    ? `emailed by Onetime Secret to ${receipt.recipients.length || 1} recipient(s)`
    : 'step outputs only';
  if (settings.commentOn) {
    const { issue, githubToken } = settings.commentOn;
    if (!receipt.secretUrl) throw new Error('The server returned no link to post; nothing was commented.');
    core.warning(
      `"${Inputs.CommentOn}": the link is posted to #${issue}. Anyone who can read #${issue} can open it first ` +
        `and consume it; "${Inputs.Recipient}" (email delivery) keeps the link out of GitHub.`,
    );
    try {
      const commentUrl = await postLinkComment({
        issue,
        githubToken,
        link: receipt.secretUrl,
        timeoutMs: settings.connection.timeoutMs,
        ...(receipt.expiresAt ? { expiresAt: receipt.expiresAt } : {}),
        ...(receipt.passphraseRequired === undefined
          ? {}
          : { passphraseRequired: receipt.passphraseRequired }),
      });
      core.info(`Posted the link to #${issue}: ${escapeForLog(commentUrl)}`);
      delivery = `comment on #${issue}`;
    } catch (error) {
      // The secret exists and its outputs are set: the summary still says so, then the step fails.
      commentFailure = error;
      delivery = `step outputs only (the comment on #${issue} failed)`;
    }
  }

  if (settings.reporting.summary) {
    if (settings.reporting.summaryIncludeLink) {
      core.warning(
        `"${Inputs.SummaryIncludeLink}": the job summary shows the link to everyone who can read this repository's runs.`,
      );
    }
    await writeSummary({
      title: 'One-time secret shared',
      receipt,
      delivery,
      ...(settings.reporting.summaryIncludeLink && receipt.secretUrl ? { link: receipt.secretUrl } : {}),
    });
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
  core.setOutput(Outputs.ReceiptKey, receiptKey);
  core.warning(
    `The secret the server created could not be used and could not be burned: burn it with the "${Outputs.ReceiptKey}" output.`,
  );
}
