import * as core from '@actions/core';
import { createdReceiptKey, type OtsClient, type Receipt, type ShareOptions } from '../core/index.ts';
import { postLinkComment } from './comment.ts';
import { Inputs, type ShareSettings } from './inputs.ts';
import { mask, maskReceipt } from './mask.ts';
import { Outputs, setReceiptOutputs } from './outputs.ts';
import { escapeForLog, withKnownState } from './server-text.ts';
import { rememberForBurnOnFailure } from './state.ts';
import { formatDuration, writeSummary } from './summary.ts';

/** Creates the one-time secret (given or generated), then outputs, delivery and summary, in that order. */
export async function share(settings: ShareSettings, client: OtsClient): Promise<Receipt> {
  const { payload } = settings;
  if (payload.kind === 'secret' && payload.from === Inputs.SecretFile && /\r?\n$/.test(payload.value)) {
    core.notice(
      `"${Inputs.SecretFile}" ends with a line break, which is shared as part of the secret. ` +
        "Write the file with printf '%s' if the recipient should not get it.",
    );
  }

  const options: ShareOptions = {
    ...(settings.ttl === undefined ? {} : { ttl: settings.ttl }),
    ...(settings.passphrase === undefined ? {} : { passphrase: settings.passphrase }),
    ...(settings.recipient === undefined ? {} : { recipient: settings.recipient }),
    ...(settings.shareDomain === undefined ? {} : { shareDomain: settings.shareDomain }),
  };
  let created: Receipt;
  let value: string | undefined;
  try {
    if (payload.kind === 'generate') {
      const generated = await client.generate({
        ...options,
        ...(payload.length === undefined ? {} : { length: payload.length }),
      });
      value = generated.value;
      mask(value);
      created = generated;
    } else {
      created = await client.share(payload.value, options);
    }
  } catch (error) {
    await burnUnusable(client, error, settings.passphrase);
    throw error;
  }
  maskReceipt(created);
  const receipt = withKnownState(created);
  if (settings.burnOnFailure) rememberForBurnOnFailure(receipt.receiptKey);

  const withholdLink = settings.recipient !== undefined;
  setReceiptOutputs(receipt, { withholdLink, ...(value === undefined ? {} : { value }) });
  if (receipt.ttlAdjusted) {
    const { requested, granted } = receipt.ttlAdjusted;
    core.warning(
      `"${Inputs.Ttl}": asked for ${formatDuration(requested)} (${requested} s), the server granted ` +
        `${formatDuration(granted)} (${granted} s), the limit it allows here. The link expires ` +
        `${granted < requested ? 'sooner' : 'later'} than you asked${receipt.expiresAt ? `, at ${receipt.expiresAt.toISOString()}` : ''}.`,
    );
  }
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
 * The server created a secret but its answer cannot be used: burn it, so no live link is left that nobody knows;
 * when even that fails, the receipt key becomes a (masked) output so it can be burned by hand.
 */
async function burnUnusable(
  client: OtsClient,
  error: unknown,
  passphrase: string | undefined,
): Promise<void> {
  const receiptKey = createdReceiptKey(error);
  if (receiptKey === undefined) return;
  mask(receiptKey);
  try {
    await client.burn(receiptKey, passphrase === undefined ? {} : { passphrase });
    core.warning(
      'The secret the server created could not be used, so it was burned: its link does not work.',
    );
  } catch {
    core.setOutput(Outputs.ReceiptKey, receiptKey);
    core.warning(
      `The secret the server created could not be used and could not be burned: burn it with the "${Outputs.ReceiptKey}" output.`,
    );
  }
}
