import * as core from '@actions/core';
import { OtsClient } from '../core/index.ts';
import { describeError } from './errors.ts';
import { flag, type InputReader, inputsWhere, readSettings } from './inputs.ts';
import { mask } from './mask.ts';
import { isPostStep, runPost } from './post.ts';
import { burn, status } from './receipt-ops.ts';
import { shareWithRecipients } from './recipients.ts';
import { noticeFileEdges, share } from './share.ts';
import { untrustedTriggerReason } from './trigger-guard.ts';
import { waitForOpened } from './wait-for.ts';

/** Raw input text: never trimmed here, so a secret reaches Onetime Secret byte for byte. */
export const readInput: InputReader = (name) => core.getInput(name, { trimWhitespace: false });

/** Entry point of both the main and the post step. Never throws: failures become `::error::` and exit code 1. */
export async function run(): Promise<void> {
  if (isPostStep()) return runPost(readInput);

  let operation: 'share' | 'burn' | 'status' = 'share';
  let client: OtsClient | undefined;
  try {
    // Inputs whose value is itself a credential, masked before anything else happens.
    for (const value of inputsWhere((spec) => spec.sensitive).map(readInput)) mask(value, value.trim());
    const untrusted = untrustedTriggerReason();
    if (untrusted !== undefined && !flag(readInput, 'allow-untrusted-trigger')) {
      throw new Error(
        `Refusing to run on ${untrusted}: such runs have this repository's secrets but act for the fork's author. ` +
          'Set "allow-untrusted-trigger: true" only if the workflow never runs code or values from the fork.',
      );
    }
    const settings = readSettings(readInput);
    operation = settings.operation;
    // The secret file's content (also without a leading byte-order mark, as other tools print it), the bare key
    // out of a receipt URL, and the Basic credential: masked before any client (or NODE_DEBUG=undici) exists.
    if (settings.operation === 'share') {
      const { secret } = settings.request;
      mask(secret, secret?.replace(/^\uFEFF/, ''));
      noticeFileEdges(settings);
    } else {
      mask(settings.receiptKey);
    }
    const { username, apiToken } = settings.connection;
    if (username !== undefined) mask(Buffer.from(`${username}:${apiToken}`).toString('base64'));

    client = new OtsClient(settings.connection);
    if (settings.operation !== 'share') {
      await (settings.operation === 'burn' ? burn : status)(settings, client);
    } else if (settings.recipients !== undefined) {
      await shareWithRecipients(settings, settings.recipients, client);
    } else {
      const receipt = await share(settings, client);
      const label = settings.request.recipient ?? 'the link';
      if (settings.wait !== undefined) await waitForOpened(client, [{ label, receipt }], settings.wait);
    }
  } catch (error) {
    core.setFailed(describeError(error, operation));
  } finally {
    await client?.close();
  }
}
