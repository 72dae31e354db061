// `ots <command> …`: finds the command in the table, parses its flags, runs it and turns any failure into one
// redacted line on stderr and the exit code of the table in exit-codes.ts.
import { isOtsError, type OtsClient, OtsInputError, VERSION } from '../core/index.ts';
import { parseCommandArgs } from './args.ts';
import type { Command, Context } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { createClient } from './connection.ts';
import { CliError } from './errors.ts';
import { exitCode, exitCodeFor } from './exit-codes.ts';
import { commandHelp, mainHelp } from './help.ts';
import type { Io } from './io.ts';
import { Sensitive } from './sensitive.ts';

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

export async function main(argv: ReadonlyArray<string>, io: Io): Promise<number> {
  const sensitive = new Sensitive();
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(mainHelp(COMMANDS));
    return exitCode('invalid_input');
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout.write(mainHelp(COMMANDS));
    return 0;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const helpFor = first === 'help' ? rest[0] : undefined;
  const command = findCommand(helpFor ?? first);
  let client: OtsClient | undefined;
  try {
    if (command === undefined) {
      // Only something shaped like a command name is echoed: the first argument could be a pasted secret.
      const name = /^[a-z][a-z-]{0,20}$/.test(helpFor ?? first) ? ` "${helpFor ?? first}"` : '';
      throw new OtsInputError(`unknown command${name}. Run \`ots --help\` for the list.`, {
        field: 'command',
      });
    }
    if (helpFor !== undefined) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help === true) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const context: Context = {
      values,
      positionals,
      io,
      sensitive,
      client: async () => {
        client ??= await createClient(values, io.env, sensitive);
        return client;
      },
      note: (text) => io.stderr.write(`${sensitive.scrub(text)}\n`),
    };
    return (await command.run(context)) ?? 0;
  } catch (error) {
    return report(error, command?.name, io, sensitive);
  } finally {
    await client?.close().catch(() => undefined);
  }
}

function report(error: unknown, commandName: string | undefined, io: Io, sensitive: Sensitive): number {
  const prefix = commandName === undefined ? 'ots' : `ots ${commandName}`;
  let message: string;
  let code: number;
  if (error instanceof CliError) {
    message = error.message;
    code = exitCode(error.exit);
  } else if (isOtsError(error)) {
    message = error.message;
    code = exitCodeFor(error.code);
  } else {
    message = `internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure'}`;
    code = exitCode('internal');
  }
  io.stderr.write(`${prefix}: ${sensitive.scrub(message)}\n`);
  return code;
}
