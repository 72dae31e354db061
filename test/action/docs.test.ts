import { readdirSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { INPUTS, LIMITS } from '../../action/inputs.ts';
import { OUTPUTS } from '../../action/report.ts';
import { formatDuration, RULES } from '../../core/index.ts';
import { END, renderActionDocs, START, updateReadme } from '../../scripts/action-docs.ts';

const root = new URL('../../', import.meta.url);
// A Windows checkout may turn LF into CRLF; the generator writes LF.
const read = (path: string) => readFileSync(new URL(path, root), 'utf8').replaceAll('\r\n', '\n');

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: Record<string, string>;
}
const action = yaml.load(read('action.yml')) as ActionYml;

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code reads and writes, each with a description', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUTS).sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(entry.description?.length).toBeGreaterThan(20);
    }
  });

  it("states the action's own limits and defaults as the code applies them", () => {
    const text = (name: string) => action.inputs[name]?.description?.replace(/\s+/g, ' ') ?? '';
    const timeout = LIMITS['timeout-ms'];
    expect(text('timeout-ms')).toContain(`(${timeout.min} to ${timeout.max})`);
    expect(action.inputs['timeout-ms']?.default).toBe(String(timeout.default));
    for (const name of ['wait-timeout', 'wait-interval'] as const) {
      const { min, max, default: fallback } = LIMITS[name];
      expect(text(name)).toContain(
        `(${formatDuration(min)} to ${formatDuration(max)}, default ${formatDuration(fallback)})`,
      );
    }
    // The pause grows up to core's default ceiling, which the description spells out.
    expect(RULES.maxIntervalMs.default).toBe(60_000);
    expect(text('wait-interval')).toContain('up to one minute');
  });

  it('runs one bundle on node24 as main and as a post step the runner starts only when the job failed', () => {
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
    expect(action.runs['post-if']).toMatch(/failure\(\)/);
  });
});

describe('docs/action.md', () => {
  it('holds the tables npm run docs generates from action.yml', () => {
    const readme = read('docs/action.md');
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    expect(updateReadme(readme, renderActionDocs(read('action.yml')))).toBe(readme);
  });

  it('lists every input and output', () => {
    const docs = renderActionDocs(read('action.yml'));
    for (const name of [...Object.keys(INPUTS), ...OUTPUTS]) expect(docs).toContain(`| \`${name}\``);
  });
});

describe('example workflows', () => {
  const dir = new URL('examples/workflows/', root);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

  // Inputs are checked by test/examples/workflows.test.ts; a misspelt output reads as '' without any warning.
  it.each(files)('%s reads only outputs action.yml declares', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const [, output] of text.matchAll(/steps\.[\w-]+\.outputs\.([\w-]+)/g)) {
      expect(Object.keys(action.outputs)).toContain(output);
    }
  });
});
