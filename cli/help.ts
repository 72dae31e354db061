// Help text, built from the command table and the exit-code table so it cannot drift from either.
import { VERSION } from '../core/index.ts';
import { optionsOf } from './args.ts';
import type { Command, OptionSpec } from './command.ts';
import { EXIT_CODES } from './exit-codes.ts';

export function mainHelp(commands: ReadonlyArray<Command>): string {
  const width = Math.max(...commands.map((c) => names(c).length));
  return [
    `ots ${VERSION}: hand secrets to people through Onetime Secret one-time links.`,
    '',
    'Usage: ots <command> [options]     (npx ots-handoff <command> … works too)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${names(c).padEnd(width)}  ${c.summary}`),
    '',
    'Run `ots <command> --help` for its options. `ots --version` prints the version.',
    'Configuration: flags, then OTS_BASE_URL, OTS_REGION, OTS_USERNAME, OTS_API_TOKEN, OTS_API_VERSION.',
    'The result goes to stdout (a link, a state, a value); notes and errors go to stderr.',
    '',
    'Exit codes:',
    ...EXIT_CODES.map((row) => `  ${String(row.exit).padStart(2)}  ${row.name.padEnd(15)} ${row.meaning}`),
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const options = Object.entries(optionsOf(command)).map(([name, spec]) => [flag(name, spec), spec.help]);
  const width = Math.max(...options.map(([f]) => (f as string).length));
  return [
    `Usage: ots ${command.name} ${command.usage}`,
    ...(command.aliases?.length ? [`Also: ${command.aliases.map((a) => `ots ${a}`).join(', ')}`] : []),
    '',
    command.description,
    '',
    'Options:',
    ...options.map(([f, help]) => `  ${(f as string).padEnd(width)}  ${help}`),
    '',
  ].join('\n');
}

function names(command: Command): string {
  return [command.name, ...(command.aliases ?? [])].join('|');
}

function flag(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}
