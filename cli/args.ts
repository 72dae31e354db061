// Command-line parsing with node:util parseArgs. Its errors are rewritten to one line that names the flag but
// never an argument's value; a flag given twice is refused (parseArgs would keep the last one silently) unless
// its spec says `multiple`.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { OtsInputError } from '../core/index.ts';
import type { Command, OptionSpec, ParsedValues } from './command.ts';
import { CONNECTION_OPTIONS } from './connection.ts';

export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', help: 'print the whole result as JSON on stdout' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export function optionsOf(command: Command): Record<string, OptionSpec> {
  return { ...command.options, ...(command.connects ? CONNECTION_OPTIONS : {}), ...COMMON_OPTIONS };
}

export function parseCommandArgs(
  command: Command,
  args: string[],
): { values: ParsedValues; positionals: string[] } {
  const specs = optionsOf(command);
  const options: ParseArgsOptionsConfig = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(spec.multiple === true ? { multiple: true } : {}),
    };
  }
  let parsed: ReturnType<
    typeof parseArgs<{ options: ParseArgsOptionsConfig; tokens: true; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new OtsInputError(`${safeParseMessage(error)} Run \`ots ${command.name} --help\`.`, {
      field: 'arguments',
    });
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || specs[token.name]?.multiple === true) continue;
    if (seen.has(token.name)) {
      throw new OtsInputError(`--${token.name}: given more than once; give it once.`, { field: token.name });
    }
    seen.add(token.name);
  }
  const values = parsed.values as ParsedValues;
  if (values.help !== true) {
    const count = parsed.positionals.length;
    const { min, max } = command.positionals;
    if (count < min || count > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      throw new OtsInputError(
        `expected ${expected} argument${max === 1 ? '' : 's'} (${command.usage}), got ${count}. Run \`ots ${command.name} --help\`.`,
        { field: 'arguments' },
      );
    }
  }
  return { values, positionals: parsed.positionals };
}

function safeParseMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : '';
  // parseArgs quotes the flag name only ("Unknown option '--x'"); keep its first sentence and no value.
  const flag = /'(-{1,2}[A-Za-z0-9-]{1,40})/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag ?? ''}.`.replace(' .', '.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `${flag}: needs a value.`;
      if (/does not take an argument/.test(message)) return `${flag}: takes no value.`;
      return `${flag}: the value starts with "-"; write it as ${flag}=VALUE.`;
    default:
      return 'the arguments could not be read.';
  }
}
