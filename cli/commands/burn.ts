// ots burn: destroy a secret before it is read. Idempotent, like core's burn(): a secret that is already gone
// (burned, expired, or opened by the recipient) is success, with a note on stderr that says which, so a cleanup
// step can run it unconditionally and a person still learns that the recipient had opened it.
import { shortenKey } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { line, writeJson } from '../output.ts';
import { passphraseOption } from './create-options.ts';

export const burn: Command = {
  name: 'burn',
  summary: 'destroy a secret before it is opened (RECEIPT link or key)',
  usage: 'RECEIPT [options]',
  description: [
    'Burns the secret of the receipt; stdout gets its final state ("burned"). Running it again is fine:',
    'a secret that is already burned, expired or opened by the recipient ends with exit 0, its state on',
    'stdout and a note on stderr saying that nothing was burned now.',
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
    const result = await client.burn(key, passphrase);
    if (!result.burnedNow) context.note(`note: ${nothingBurned(result)}`);
    if (context.values.json === true) writeJson(io.stdout, result);
    else line(io.stdout, result.state);
    return 0;
  },
};

function nothingBurned(receipt: { receiptKey: string; state: string; receivedAt?: Date }): string {
  const which = `the secret of receipt ${shortenKey(receipt.receiptKey)}`;
  if (receipt.state === 'received') {
    const when = receipt.receivedAt ? ` (${receipt.receivedAt.toISOString()})` : '';
    return `the recipient already opened ${which}${when}; there was nothing left to burn.`;
  }
  return `${which} was already ${receipt.state}.`;
}
