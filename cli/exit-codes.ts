// The one table of exit codes: main.ts maps errors through it, `ots --help` prints it, and docs/cli.md's table is
// checked against it (test/cli/docs.test.ts), so scripts can rely on the numbers.
import type { OtsErrorCode } from '../core/index.ts';

export interface ExitCode {
  exit: number;
  name: string;
  /** The core error codes that end the command with this exit code. */
  errorCodes: ReadonlyArray<OtsErrorCode>;
  meaning: string;
}

export const EXIT_CODES = [
  {
    exit: 0,
    name: 'ok',
    errorCodes: [],
    meaning: 'Done (also: `burn` of a secret that was already burned).',
  },
  { exit: 1, name: 'internal', errorCodes: [], meaning: 'An unexpected failure: a bug, please report it.' },
  {
    exit: 2,
    name: 'invalid_input',
    errorCodes: ['invalid_input'],
    meaning: 'A command, flag, argument, file or input is wrong; nothing was sent.',
  },
  {
    exit: 3,
    name: 'unauthorized',
    errorCodes: ['unauthorized'],
    meaning: 'Missing or wrong username or API token.',
  },
  {
    exit: 4,
    name: 'not_found',
    errorCodes: ['not_found'],
    meaning:
      'Unknown secret or receipt, or already read, burned or expired (`get` over API v1: or a wrong passphrase).',
  },
  {
    exit: 5,
    name: 'rate_limited',
    errorCodes: ['rate_limited'],
    meaning: 'The server rate limited the caller.',
  },
  {
    exit: 6,
    name: 'network',
    errorCodes: ['network', 'timeout'],
    meaning: 'No complete answer: the connection failed or broke, or `--request-timeout` passed.',
  },
  {
    exit: 7,
    name: 'server_error',
    errorCodes: ['server_error'],
    meaning: 'The server (or a proxy before it) failed or answered something unreadable.',
  },
  {
    exit: 8,
    name: 'invalid_request',
    errorCodes: ['invalid_request'],
    meaning:
      'The server refused what was sent (e.g. a wrong passphrase over API v2, or a TTL the account may not use).',
  },
  {
    exit: 9,
    name: 'timed_out',
    errorCodes: ['aborted'],
    meaning: '`wait`: `--timeout` passed before the receipt reached the state.',
  },
  {
    exit: 10,
    name: 'other_state',
    errorCodes: [],
    meaning:
      '`wait`: the secret ended in another final state (e.g. burned or expired while waiting for received).',
  },
] as const satisfies ReadonlyArray<ExitCode>;

export type ExitName = (typeof EXIT_CODES)[number]['name'];

export function exitCode(name: ExitName): number {
  return (EXIT_CODES.find((row) => row.name === name) as ExitCode).exit;
}

/** The exit code of a core error code; 1 (internal) for a code this table does not know. */
export function exitCodeFor(code: string): number {
  const row = EXIT_CODES.find((r) => (r.errorCodes as ReadonlyArray<string>).includes(code));
  return row === undefined ? exitCode('internal') : row.exit;
}

/** The table as Markdown, for docs/cli.md. */
export function exitCodeMarkdown(): string {
  const lines = [
    '| Exit | Name | Core error codes | Meaning |',
    '| ---- | ---- | ---------------- | ------- |',
  ];
  for (const row of EXIT_CODES as ReadonlyArray<ExitCode>) {
    const codes = row.errorCodes.map((c) => `\`${c}\``).join(', ') || '–';
    lines.push(`| ${row.exit} | \`${row.name}\` | ${codes} | ${row.meaning} |`);
  }
  return `${lines.join('\n')}\n`;
}
