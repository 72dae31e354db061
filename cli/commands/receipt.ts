// ots receipt|status: the state of a shared secret (new, viewed, received, burned, expired) on stdout.
import type { Command } from '../command.ts';
import { describeReceipt, line, writeJson } from '../output.ts';

export const receipt: Command = {
  name: 'receipt',
  aliases: ['status'],
  summary: "print a secret's state from its receipt (RECEIPT link or key)",
  usage: 'RECEIPT [options]',
  description: [
    'Reads the receipt without touching the secret. stdout gets the state (new, viewed, received, burned,',
    'expired), stderr the details; --json prints the whole receipt.',
  ].join('\n'),
  connects: true,
  positionals: { min: 1, max: 1 },
  options: {},
  async run(context) {
    const { io } = context;
    const key = context.positionals[0] as string;
    const client = await context.client();
    const found = await client.receipt(key);
    if (context.values.json === true) {
      writeJson(io.stdout, found);
      return 0;
    }
    line(io.stdout, found.state);
    context.note(describeReceipt(found, io));
    return 0;
  },
};
