// What a command is. The command table (commands/index.ts) lists them; main.ts parses, helps and dispatches from
// it, so a new command (e.g. `serve`) is one file plus one line in that table.
import type { OtsClient } from '../core/index.ts';
import type { Io } from './io.ts';
import type { Sensitive } from './sensitive.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
  help: string;
  /** A string option that may be given more than once; its value is then a list. */
  multiple?: boolean;
}

export type ParsedValues = Record<string, string | string[] | boolean | undefined>;

export interface Context {
  values: ParsedValues;
  positionals: string[];
  io: Io;
  sensitive: Sensitive;
  /** The client from the connection flags and OTS_* variables; closed when the command ends. */
  client(): Promise<OtsClient>;
  /** One line on stderr. */
  note(text: string): void;
}

export interface Command {
  name: string;
  aliases?: ReadonlyArray<string>;
  /** One line for `ots --help`. */
  summary: string;
  /** What follows `ots <name>` in the usage line. */
  usage: string;
  /** Paragraphs for `ots <name> --help`. */
  description: string;
  options: Record<string, OptionSpec>;
  /** Adds the connection flags (--base-url, --username, …) to this command. */
  connects: boolean;
  positionals: { min: number; max: number };
  /** The exit code (0 when nothing is returned). */
  run(context: Context): Promise<number | undefined>;
}
