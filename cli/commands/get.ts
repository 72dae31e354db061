// ots get: reveal a secret (this destroys it on the server). The value goes to a pipe or -o FILE byte for byte,
// never to a terminal unless --show.
import type { Command } from '../command.ts';
import { writeJson } from '../output.ts';
import { openOutputFile, refuseTerminal, VALUE_OPTIONS } from '../value-output.ts';
import { passphraseOption } from './create-options.ts';

export const get: Command = {
  name: 'get',
  aliases: ['reveal'],
  summary: 'open a one-time link (LINK or secret KEY) and output the secret',
  usage: 'LINK|KEY [options]',
  description: [
    'Reveals the secret, which destroys it: it can be opened only once. The value goes to stdout when',
    'stdout is a pipe or file (byte for byte, no line break added), or to -o FILE; it is never written',
    'to a terminal unless --show. --json prints {"value", "secretKey", "shareDomain"}.',
  ].join('\n'),
  connects: true,
  positionals: { min: 1, max: 1 },
  options: {
    'passphrase-file': { type: 'string', value: 'FILE', help: 'the passphrase, read from FILE' },
    ...VALUE_OPTIONS,
  },
  async run(context) {
    const { values, io } = context;
    const link = context.positionals[0] as string;
    context.sensitive.add(link);
    refuseTerminal(context, 'the secret would be shown');
    const passphrase = await passphraseOption(context);
    const client = await context.client();
    const output = await openOutputFile(context);
    let revealed: Awaited<ReturnType<typeof client.reveal>>;
    try {
      revealed = await client.reveal(link, passphrase);
    } catch (error) {
      await output?.discard();
      throw error;
    }
    context.sensitive.add(revealed.value);
    if (output !== undefined) {
      await output.write(revealed.value);
      if (values.json === true) {
        const { value: _value, ...rest } = revealed;
        writeJson(io.stdout, rest);
      }
      context.note('Wrote the secret to the -o file; it is gone from the server.');
      return 0;
    }
    if (values.json === true) writeJson(io.stdout, revealed);
    else io.stdout.write(Buffer.from(revealed.value, 'utf8'));
    return 0;
  },
};
