// ots generate: a random password stored as a one-time secret; the link on stdout, the value only where asked.
import { RULES } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { describeReceipt, line, writeJson } from '../output.ts';
import { openOutputFile, refuseTerminal, VALUE_OPTIONS } from '../value-output.ts';
import { CREATE_OPTIONS, createOptions, recipientsOf } from './create-options.ts';
import { handOverToMany, reportHandOver } from './hand-over-many.ts';

export const generate: Command = {
  name: 'generate',
  summary: 'store a random password and print its one-time link',
  usage: '[options]',
  description: [
    'OTS generates the password (API v1 generate; with --api-version v2 this machine does). The link goes',
    'to stdout; the password is written only to -o FILE (created, mode 600), to stderr with --show, or in',
    'the --json output (which is refused on a terminal without --show). With several --recipient, one password',
    'made on this machine goes to each recipient in a link of their own.',
  ].join('\n'),
  connects: true,
  positionals: { min: 0, max: 0 },
  options: {
    ...CREATE_OPTIONS,
    length: {
      type: 'string',
      value: 'N',
      help:
        `length of the password, ${RULES.length.min} to ${RULES.length.max} (default ${RULES.length.default.server}; ` +
        `${RULES.length.default.client} with --api-version v2)`,
    },
    ...VALUE_OPTIONS,
  },
  async run(context) {
    const { values, io } = context;
    // Digits become a number for core's range check (the one rule); other text goes as it is, for core to refuse.
    const text = values.length;
    const length =
      typeof text === 'string' ? (/^\d{1,9}$/.test(text) ? Number(text) : (text as never)) : undefined;
    const json = values.json === true;
    if (json) refuseTerminal(context, 'the --json output holds the password');
    const options = await createOptions(context);
    const client = await context.client();
    const output = await openOutputFile(context);
    try {
      const recipients = recipientsOf(context);
      if (recipients.length > 1) {
        // One password for all: made on this machine, since every recipient's secret must hold the same value.
        const result = await handOverToMany(
          context,
          recipients,
          { generate: true, ...(length === undefined ? {} : { length }) },
          options,
        );
        if (result.value !== undefined) {
          await output?.write(result.value);
          if (values.show === true) io.stderr.write(`${result.value}\n`);
        }
        return reportHandOver(context, result, json);
      }
      const handedOver = await client.handOver({
        ...options,
        generate: true,
        ...(length === undefined ? {} : { length }),
      });
      const { receipt, generatedBy, warnings } = handedOver;
      const value = handedOver.value as string;
      context.sensitive.add(value);
      await output?.write(value);
      for (const warning of warnings) context.note(`warning: ${warning}`);
      if (json) {
        writeJson(io.stdout, { ...receipt, value, generatedBy });
        return 0;
      }
      line(io.stdout, receipt.secretUrl ?? receipt.receiptUrl);
      if (values.show === true) io.stderr.write(`${value}\n`);
      const where =
        output !== undefined
          ? 'written to the -o file'
          : values.show === true
            ? 'shown above'
            : 'not shown (-o FILE, --show or --json)';
      context.note(`Generated a password (${where}). ${describeReceipt(receipt, io)}`);
      return 0;
    } catch (error) {
      await output?.discard();
      throw error;
    }
  },
};
