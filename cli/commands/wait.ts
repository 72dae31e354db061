// ots wait: poll a receipt until the secret reaches a state (e.g. the recipient opened it). On a terminal, stderr
// shows one progress line that is rewritten in place; a pipe or CI log gets no progress noise.
import {
  FINAL_STATES,
  isFinal,
  isOtsError,
  type OtsClient,
  OtsInputError,
  RECEIPT_STATES,
  type Receipt,
  type ReceiptState,
  type WaitManyResult,
} from '../../core/index.ts';
import type { Command, Context } from '../command.ts';
import { parseDurationMs } from '../duration.ts';
import { CliError } from '../errors.ts';
import { line, writeJson } from '../output.ts';

const FINAL: string[] = [...FINAL_STATES];
const STATES: readonly string[] = RECEIPT_STATES;

export const wait: Command = {
  name: 'wait',
  summary: 'wait until a secret is received (or another state)',
  usage: 'RECEIPT... [--until STATE[,STATE]] [--timeout DURATION] [options]',
  description: [
    'Reads the receipt every --interval until the state is one of --until (default: any final state:',
    `${FINAL_STATES.join(', ')}), then prints it on stdout. Exit 10 when the secret ended in`,
    'another final state (e.g. burned while waiting for received), 9 when --timeout passed first.',
    'With several RECEIPTs (e.g. one per recipient), all are read in rounds, the pause growing while nothing',
    'changes; stdout gets one "RECEIPT-KEY<tab>STATE" line each once all are done or --timeout passed.',
  ].join('\n'),
  connects: true,
  positionals: { min: 1, max: 100 },
  options: {
    until: { type: 'string', value: 'STATES', help: `comma-separated: ${STATES.join(', ')}` },
    timeout: {
      type: 'string',
      value: 'DURATION',
      help: 'give up after this long, e.g. 30m or 1h (default: never)',
    },
    interval: { type: 'string', value: 'DURATION', help: 'pause between reads, 100ms or more (default 5s)' },
  },
  async run(context) {
    const { values, io } = context;
    const key = context.positionals[0] as string;
    const until = parseUntil(values.until);
    const timeoutMs =
      typeof values.timeout === 'string' ? parseDurationMs(values.timeout, '--timeout') : undefined;
    const intervalMs =
      typeof values.interval === 'string' ? parseDurationMs(values.interval, '--interval') : 5_000;
    const client = await context.client();
    if (context.positionals.length > 1) {
      return waitForMany(context, client, until, intervalMs, timeoutMs, values.timeout);
    }
    const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const progress = io.stderr.isTTY === true ? new Progress(context, until) : undefined;
    let receipt: Receipt | undefined;
    try {
      receipt = await client.receipt(key, signal === undefined ? {} : { signal });
      while (!until.includes(receipt.state) && !isFinal(receipt.state)) {
        progress?.update(receipt.state);
        const changed = STATES.filter((s) => s !== receipt?.state);
        receipt = await client.waitForReceipt(key, {
          until: changed,
          intervalMs,
          ...(signal ? { signal } : {}),
        });
      }
    } catch (error) {
      if (isOtsError(error) && error.code === 'aborted' && signal?.aborted === true) {
        throw new CliError(
          `--timeout ${String(values.timeout)} passed while the secret was ${receipt?.state ?? 'not yet read'}.`,
          'timed_out',
        );
      }
      throw error;
    } finally {
      progress?.stop();
    }
    if (values.json === true) writeJson(io.stdout, receipt);
    else line(io.stdout, receipt.state);
    if (!until.includes(receipt.state)) {
      context.note(`The secret ended ${receipt.state}, not ${until.join(' or ')}.`);
      return 10;
    }
    return 0;
  },
};

/** `ots wait` over several receipts: core's waitForReceipts, then one line per receipt. */
async function waitForMany(
  context: Context,
  client: OtsClient,
  until: string[],
  intervalMs: number,
  timeoutMs: number | undefined,
  timeoutText: unknown,
): Promise<number> {
  const { io } = context;
  const progress = io.stderr.isTTY === true ? new Progress(context, until) : undefined;
  let result: WaitManyResult;
  try {
    result = await client.waitForReceipts(context.positionals, {
      until: until as ReceiptState[],
      intervalMs,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      onRound: ({ done, receipts }) => progress?.update(`${done} of ${receipts.length} done`),
    });
  } finally {
    progress?.stop();
  }
  const receipts = result.receipts;
  if (context.values.json === true) writeJson(io.stdout, receipts);
  else {
    for (const receipt of receipts) {
      if (receipt !== undefined) line(io.stdout, `${receipt.receiptKey}\t${receipt.state}`);
    }
  }
  if (result.timedOut) {
    const pending = result.done.filter((done) => !done).length;
    throw new CliError(
      `--timeout ${String(timeoutText)} passed with ${pending} of ${receipts.length} receipts not yet ${until.join(' or ')}.`,
      'timed_out',
    );
  }
  const other = receipts.filter((r) => r !== undefined && !until.includes(r.state));
  if (other.length > 0) {
    context.note(
      `${other.length} of ${receipts.length} secrets ended in another state than ${until.join(' or ')}.`,
    );
    return 10;
  }
  return 0;
}

function parseUntil(value: unknown): string[] {
  if (typeof value !== 'string') return FINAL;
  const states = value.split(',').map((s) => s.trim().toLowerCase());
  for (const state of states) {
    if (!STATES.includes(state)) {
      const shown = /^[a-z]{1,12}$/.test(state) ? ` "${state}"` : '';
      throw new OtsInputError(
        `--until: ${shown.trim() || 'a value'} is not a state; use ${STATES.join(', ')}.`,
        {
          field: 'until',
        },
      );
    }
  }
  return states;
}

/** The progress line: state and elapsed time, rewritten every second. */
class Progress {
  readonly #context: Context;
  readonly #until: string[];
  readonly #started = Date.now();
  readonly #timer: NodeJS.Timeout;
  #state = '…';

  constructor(context: Context, until: string[]) {
    this.#context = context;
    this.#until = until;
    this.#timer = setInterval(() => this.#draw(), 1000);
    this.#timer.unref();
  }

  update(state: string): void {
    this.#state = state;
    this.#draw();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#context.io.stderr.write('\r\x1b[K');
  }

  #draw(): void {
    const seconds = Math.round((Date.now() - this.#started) / 1000);
    const elapsed =
      seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
    this.#context.io.stderr.write(
      `\r\x1b[Kwaiting for ${this.#until.join('|')}: ${this.#state} (${elapsed})`,
    );
  }
}
