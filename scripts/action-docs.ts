// `npm run docs`: writes the Action's inputs and outputs tables, generated from action.yml, into docs/action.md
// between the action-docs markers. `--check` exits 1 instead of writing when docs/action.md is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

export const START = '<!-- action-docs:start -->';
export const END = '<!-- action-docs:end -->';

interface ActionMetadata {
  inputs?: Record<string, { description?: string; required?: boolean; default?: string | number | boolean }>;
  outputs?: Record<string, { description?: string }>;
}

/** The generated Markdown: an inputs table and an outputs table, in action.yml order. */
export function renderActionDocs(actionYml: string): string {
  const action = yaml.load(actionYml) as ActionMetadata;
  const inputs = Object.entries(action.inputs ?? {}).map(([name, input]) => [
    `\`${name}\``,
    input.required ? 'yes' : 'no',
    input.default === undefined || input.default === '' ? '' : `\`${String(input.default)}\``,
    cell(input.description),
  ]);
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => [
    `\`${name}\``,
    cell(output.description),
  ]);
  return [
    '### Inputs',
    '',
    table(['Input', 'Required', 'Default', 'Description'], inputs),
    '',
    '### Outputs',
    '',
    table(['Output', 'Description'], outputs),
  ].join('\n');
}

/** The page (docs/action.md) with the text between the markers replaced; throws when the markers are missing. */
export function updateReadme(readme: string, docs: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`docs/action.md needs the markers ${START} and ${END}, in that order.`);
  }
  return `${readme.slice(0, start + START.length)}\n${docs}\n${readme.slice(end)}`;
}

/** A Markdown table with padded columns, as Biome formats Markdown, so `biome ci` and this script agree. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((_, i) => Math.max(3, ...[header, ...rows].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function cell(text: string | undefined): string {
  return (text ?? '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const readmeUrl = new URL('docs/action.md', root);
  const readme = readFileSync(readmeUrl, 'utf8');
  const updated = updateReadme(readme, renderActionDocs(readFileSync(new URL('action.yml', root), 'utf8')));
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('docs/action.md: the Action tables are out of date; run `npm run docs`.');
      process.exit(1);
    }
  } else if (updated !== readme) {
    writeFileSync(readmeUrl, updated);
    console.log('docs/action.md: Action tables updated.');
  }
}
