// docs/cli.md's exit-code table is the one in cli/exit-codes.ts, and its parity table names every command and
// every flag the command table has, so neither can drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optionsOf } from '../../cli/args.ts';
import { COMMANDS } from '../../cli/commands/index.ts';
import { exitCodeMarkdown } from '../../cli/exit-codes.ts';

const readme = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8').replaceAll('\r\n', '\n');

function between(name: string): string {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme);
  if (match === null) throw new Error(`docs/cli.md has no ${name} markers`);
  return match[1] as string;
}

/** A Markdown table's cells, whatever the padding Biome's formatter gives its columns. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^-+$/, '-')),
    );
}

describe('docs/cli.md: the ots command', () => {
  it('shows the exit codes exactly as cli/exit-codes.ts defines them', () => {
    expect(cells(between('cli-exit-codes'))).toEqual(cells(exitCodeMarkdown()));
  });

  it('the parity table names every command, alias and flag of ots', () => {
    const parity = between('cli-parity');
    const ours = parity
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split(' | ')[1] ?? '')
      .join('\n');
    const missing: string[] = [];
    for (const command of COMMANDS) {
      for (const name of [command.name, ...(command.aliases ?? [])]) {
        // `name ` or `name\|` or |name` (an alias after a pipe): the name as a whole word of ours.
        if (!new RegExp(`[\\x60|]${name}[ \\\\\\x60]`).test(ours)) missing.push(name);
      }
      for (const flag of Object.keys(optionsOf(command)))
        if (!ours.includes(`--${flag}`)) missing.push(`--${flag}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
