// ots burn: destroy a secret before it is read. Idempotent: a secret already burned (or expired) is success with
// a note; one the recipient already opened is an error, because burning did not keep it from them.
import { isOtsError, type Receipt, shortenKey } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { line, writeJson } from '../output.ts';
import { passphraseOption } from './create-options.ts';

const GONE_UNREAD = new Set(['burned', 'expired', 'orphaned']);

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
    let result: Receipt;
    try {
      result = await client.burn(key, passphrase);
    } catch (error) {
      if (!isOtsError(error) || error.code !== 'not_found') throw error;
      // Nothing was burned: a receipt read (an idempotent read, not a second burn) tells why.
      const current = await client.receipt(key).catch(() => undefined);
      if (current === undefined || !GONE_UNREAD.has(current.state)) {
        if (current?.state === 'received') {
          throw new CliError(
            `the recipient already opened the secret of receipt ${shortenKey(current.receiptKey)}` +
              `${current.receivedAt ? ` (${current.receivedAt.toISOString()})` : ''}; there is nothing to burn.`,
            'not_found',
          );
        }
        throw error;
      }
      context.note(
        `note: the secret of receipt ${shortenKey(current.receiptKey)} was already ${current.state}.`,
      );
      result = current;
    }
    if (context.values.json === true) writeJson(io.stdout, result);
    else line(io.stdout, result.state);
    return 0;
  },
};
