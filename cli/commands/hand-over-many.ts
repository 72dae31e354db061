// share / generate with several --recipient: one link per recipient (a link works once), emailed by OTS. stdout
// gets one line per recipient (address, tab, receipt link); a recipient without a link is named on stderr and
// makes the exit code that of its failure, while the lines of those who did get a link are still printed.
import type { HandOverManyResult, HandOverValue, OtsError, ShareOptions } from '../../core/index.ts';
import type { Context } from '../command.ts';
import { exitCodeFor } from '../exit-codes.ts';
import { line, writeJson } from '../output.ts';

export async function handOverToMany(
  context: Context,
  recipients: string[],
  what: HandOverValue,
  options: ShareOptions,
): Promise<HandOverManyResult> {
  const client = await context.client();
  const { recipient: _single, ...shared } = options;
  const result = await client.handOverTo(recipients, what, shared);
  context.sensitive.add(result.value);
  return result;
}

/** Prints the result; the exit code (0, or that of the first failure). */
export function reportHandOver(context: Context, result: HandOverManyResult, json: boolean): number {
  const { io } = context;
  if (json) {
    writeJson(io.stdout, {
      ...result,
      results: result.results.map(({ error, rollback: _r, ...rest }) => ({
        ...rest,
        ...(error === undefined ? {} : { error: { code: error.code, message: error.message } }),
      })),
    });
  } else {
    for (const item of result.results) {
      if (item.receipt !== undefined) line(io.stdout, `${item.recipient}\t${item.receipt.receiptUrl}`);
    }
  }
  const failures = result.results.filter((r) => r.error !== undefined);
  for (const item of failures) context.note(`${item.recipient}: no link: ${item.error?.message}`);
  context.note(
    `Emailed ${result.created.length} of ${result.results.length} recipients a link of their own; stdout has the receipt links.`,
  );
  const first = failures[0]?.error as OtsError | undefined;
  return first === undefined ? 0 : exitCodeFor(first.code);
}
