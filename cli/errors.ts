// Failures the CLI itself decides (not a core error): they carry their exit code by name.
import type { ExitName } from './exit-codes.ts';

export class CliError extends Error {
  readonly exit: ExitName;
  constructor(message: string, exit: ExitName) {
    super(message);
    this.name = 'CliError';
    this.exit = exit;
  }
}
