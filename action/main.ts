import * as core from '@actions/core';
import type { OtsClient } from '../core/index.ts';
import { createClient } from './client.ts';
import { describeError, type ErrorContext } from './errors.ts';
import { type InputReader, Inputs, readBoolean, readSettings } from './inputs.ts';
import { mask } from './mask.ts';
import { runPost } from './post.ts';
import { burn, status } from './receipt-ops.ts';
import { shareWithRecipients } from './recipients.ts';
import { share } from './share.ts';
import { isPostStep, markMainStepStarted } from './state.ts';
import { untrustedTriggerReason } from './trigger-guard.ts';
import { waitForOpened } from './wait-for.ts';

/** Raw input text: never trimmed here, so a secret reaches Onetime Secret byte for byte. */
export const readInput: InputReader = (name) => core.getInput(name, { trimWhitespace: false });

/** Inputs whose value is itself a credential, masked before anything else happens. */
const SENSITIVE_INPUTS = [
  Inputs.Secret,
  Inputs.Passphrase,
  Inputs.ApiToken,
  Inputs.GithubToken,
  Inputs.ReceiptKey,
];

/** Entry point of both the main and the post step. Never throws: failures become `::error::` and exit code 1. */
export async function run(): Promise<void> {
  if (isPostStep()) return runPost(readInput);
  markMainStepStarted();

  let context: ErrorContext = 'share';
  let client: OtsClient | undefined;
  try {
    for (const name of SENSITIVE_INPUTS) {
      const value = readInput(name);
      mask(value);
      mask(value.trim());
    }
    const untrusted = untrustedTriggerReason();
    if (untrusted !== undefined && !readBoolean(readInput, Inputs.AllowUntrustedTrigger, false)) {
      throw new Error(
        `Refusing to run on ${untrusted}: such runs have this repository's secrets but act for the fork's author. ` +
          `Set "${Inputs.AllowUntrustedTrigger}: true" only if the workflow never runs code or values from the fork.`,
      );
    }
    const settings = readSettings(readInput);
    if (settings.operation === 'share' && settings.payload.kind === 'secret') mask(settings.payload.value);
    // The bare key out of a receipt URL, and the Basic credential: masked before any client (or NODE_DEBUG=undici
    // logging of its requests) exists.
    if (settings.operation !== 'share') mask(settings.receiptKey);
    const { username, apiToken } = settings.connection;
    if (username !== undefined && apiToken !== undefined) {
      mask(Buffer.from(`${username}:${apiToken}`).toString('base64'));
    }

    client = createClient(settings.connection);
    if (settings.operation === 'share') {
      context = settings.payload.kind === 'generate' ? 'generate' : 'share';
      if (settings.recipients !== undefined) {
        await shareWithRecipients({ ...settings, recipients: settings.recipients }, client);
      } else {
        const receipt = await share(settings, client);
        if (settings.wait !== undefined) {
          await waitForOpened(client, [{ label: settings.recipient ?? 'the link', receipt }], settings.wait);
        }
      }
    } else {
      context = settings.operation;
      await (settings.operation === 'burn' ? burn : status)(settings, client);
    }
  } catch (error) {
    core.setFailed(describeError(error, context));
  } finally {
    await client?.close();
  }
}
