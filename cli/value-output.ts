// Where a secret value may go: a pipe or file gets it byte for byte; a terminal only with --show. Everything is
// checked before the request, because the request (a reveal) destroys the secret.
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { OtsInputError } from '../core/index.ts';
import type { Context, OptionSpec } from './command.ts';

export const VALUE_OPTIONS: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o', value: 'FILE', help: 'write the value to FILE (new file, mode 600)' },
  show: { type: 'boolean', help: 'allow writing the value to a terminal' },
};

export function refuseTerminal(context: Context, what: string): void {
  if (
    context.io.stdout.isTTY === true &&
    context.values.show !== true &&
    context.values.output === undefined
  ) {
    throw new OtsInputError(
      `stdout is a terminal and ${what}: pipe it, use -o FILE, or --show to print it anyway. Nothing was sent.`,
      { field: 'show' },
    );
  }
}

export interface ValueFile {
  write(value: string): Promise<void>;
  /** Removes the file after a failed request (it was created empty). */
  discard(): Promise<void>;
}

/** Creates the -o file (refusing an existing one) before anything is sent. */
export async function openOutputFile(context: Context): Promise<ValueFile | undefined> {
  const path = context.values.output;
  if (typeof path !== 'string') return undefined;
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new OtsInputError(
      code === 'EEXIST'
        ? '-o: the file exists; give a new path (a secret is never written over a file). Nothing was sent.'
        : `-o: cannot create the file (${typeof code === 'string' ? code : 'error'}). Nothing was sent.`,
      { field: 'output' },
    );
  }
  return {
    async write(value) {
      try {
        await handle.writeFile(value, 'utf8');
      } finally {
        await handle.close();
      }
    },
    async discard() {
      await handle.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
    },
  };
}
