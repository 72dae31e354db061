// ots share: the secret from stdin or a file (never from argv unless --secret-arg) → the one-time link on stdout.
import { OtsInputError } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { readSecretInput } from '../input.ts';
import { describeReceipt, line, writeJson } from '../output.ts';
import { CREATE_OPTIONS, createOptions, recipientsOf } from './create-options.ts';
import { handOverToMany, reportHandOver } from './hand-over-many.ts';

export const share: Command = {
  name: 'share',
  summary: 'store a secret (stdin or FILE) and print its one-time link',
  usage: '[FILE|-] [options]',
  description: [
    'Reads the secret from standard input (or FILE) byte for byte, as UTF-8 text; a trailing line break is',
    'part of the secret unless --trim-newline. Prints the link on stdout, so `link=$(ots share < f)` works;',
    'with --recipient OTS emails the link and stdout gets the receipt link instead (with several --recipient,',
    'each gets a link of their own and stdout one "EMAIL<tab>RECEIPT-LINK" line each). A secret on the command',
    'line is refused unless --secret-arg, because other users of the machine can read command lines.',
  ].join('\n'),
  connects: true,
  positionals: { min: 0, max: 1 },
  options: {
    ...CREATE_OPTIONS,
    'secret-arg': {
      type: 'string',
      value: 'VALUE',
      help: 'share VALUE itself (visible to other local users)',
    },
    'trim-newline': { type: 'boolean', help: 'drop one trailing line break (\\n or \\r\\n) from the input' },
  },
  async run(context) {
    const { values, positionals, io } = context;
    const given = values['secret-arg'];
    if (typeof given === 'string' && positionals.length > 0) {
      throw new OtsInputError('--secret-arg: give either --secret-arg or FILE, not both.', {
        field: 'secret-arg',
      });
    }
    context.sensitive.add(typeof given === 'string' ? given : undefined);
    const options = await createOptions(context);
    const client = await context.client();
    if (given === undefined && positionals.length === 0 && io.stdin.isTTY === true) {
      context.note('Reading the secret from the terminal (it is shown as typed); end it with Ctrl-D.');
    }
    let secret = typeof given === 'string' ? given : await readSecretInput(positionals[0] ?? '-', io, 'FILE');
    context.sensitive.add(secret);
    if (values['trim-newline'] === true) secret = secret.replace(/\r?\n$/, '');
    else if (/\n$/.test(secret)) {
      context.note('note: the secret ends with a line break, which is shared too (--trim-newline drops it).');
    }
    // Invisible, and added by some editors (Notepad, PowerShell 5's UTF8 encoding): said, as the action says it.
    if (secret.startsWith('\uFEFF')) {
      context.note(
        'note: the secret starts with a UTF-8 byte-order mark (EF BB BF), which is shared too; ' +
          'save the input as UTF-8 without BOM if the recipient should not get it.',
      );
    }
    const recipients = recipientsOf(context);
    if (recipients.length > 1) {
      const result = await handOverToMany(context, recipients, { value: secret }, options);
      return reportHandOver(context, result, values.json === true);
    }
    const { receipt, warnings } = await client.handOver({ ...options, secret });
    for (const warning of warnings) context.note(`warning: ${warning}`);
    if (values.json === true) {
      writeJson(io.stdout, receipt);
      return 0;
    }
    if (options.recipient !== undefined || receipt.secretUrl === undefined) {
      line(io.stdout, receipt.receiptUrl);
      context.note(
        `Emailed the link to the recipient; stdout has the receipt link. ${describeReceipt(receipt, io)}`,
      );
    } else {
      line(io.stdout, receipt.secretUrl);
      context.note(`Shared. ${describeReceipt(receipt, io)}`);
    }
    return 0;
  },
};
