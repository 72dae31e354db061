// ots burn: destroy a secret before it is read. Idempotent: a secret already burned (or expired) is success with
// a note; one the recipient already opened is an error, because burning did not keep it from them.
import { shortenKey } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { line, writeJson } from '../output.ts';
import { passphraseOption } from './create-options.ts';

export const burn: Command = {
  name: 'burn',
  summary: 'destroy a secret before it is opened (RECEIPT link or key)',
  usage: 'RECEIPT [options]',
  description: [
    'Burns the secret of the receipt; stdout gets "burned". Running it again is fine: a secret that is',
    'already burned or expired ends with exit 0 and a note on stderr. If the recipient already opened',
    'it, the exit code is 4 (not_found): nothing could be burned.',
  ].join('\n'),
  connects: true,
  positionals: { min: 1, max: 1 },
  options: {
    'passphrase-file': { type: 'string', value: 'FILE', help: "the secret's passphrase, if the server asks" },
  },
  async run(context) {
    const { io } = context;
    const key = context.positionals[0] as string;
    const passphrase = await passphraseOption(context);
    const client = await context.client();
    // Core settles a secret that was already gone: burnedNow false, with the receipt's final state.
    const result = await client.burn(key, passphrase);
    if (!result.burnedNow) {
      if (result.state === 'received') {
        throw new CliError(
          `the recipient already opened the secret of receipt ${shortenKey(result.receiptKey)}` +
            `${result.receivedAt ? ` (${result.receivedAt.toISOString()})` : ''}; there is nothing to burn.`,
          'not_found',
        );
      }
      context.note(
        `note: the secret of receipt ${shortenKey(result.receiptKey)} was already ${result.state}.`,
      );
    }
    if (context.values.json === true) writeJson(io.stdout, result);
    else line(io.stdout, result.state);
    return 0;
  },
};
