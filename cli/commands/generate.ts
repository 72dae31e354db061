// ots generate: a random password stored as a one-time secret; the link on stdout, the value only where asked.
import { OtsInputError } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { describeReceipt, line, ttlWarning, writeJson } from '../output.ts';
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
    length: { type: 'string', value: 'N', help: 'length of the password, 4 to 128 (default 12)' },
    ...VALUE_OPTIONS,
  },
  async run(context) {
    const { values, io } = context;
    let length: number | undefined;
    if (typeof values.length === 'string') {
      if (!/^\d{1,4}$/.test(values.length)) {
        throw new OtsInputError('--length: must be a whole number from 4 to 128.', { field: 'length' });
      }
      length = Number(values.length);
    }
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
      const generated = await client.generate({ ...options, ...(length === undefined ? {} : { length }) });
      context.sensitive.add(generated.value);
      await output?.write(generated.value);
      const warning = ttlWarning(generated);
      if (warning !== undefined) context.note(warning);
      if (json) {
        writeJson(io.stdout, generated);
        return 0;
      }
      line(io.stdout, generated.secretUrl ?? generated.receiptUrl);
      if (values.show === true) io.stderr.write(`${generated.value}\n`);
      const where =
        output !== undefined
          ? 'written to the -o file'
          : values.show === true
            ? 'shown above'
            : 'not shown (-o FILE, --show or --json)';
      context.note(`Generated a password (${where}). ${describeReceipt(generated, io)}`);
      return 0;
    } catch (error) {
      await output?.discard();
      throw error;
    }
  },
};
