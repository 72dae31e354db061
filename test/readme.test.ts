import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every command the README tells a user to run is exercised by a test or by .ci/run, so the README cannot rot
// unnoticed: a new `npm run x` in the README fails here until something runs it.
const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const readme = read('README.md');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** For each README script: the file it runs, and the test that runs that file. */
const exercisedBy: Record<string, { entry: string; test: string }> = {
  demo: { entry: 'scripts/demo.ts', test: 'test/demo.test.ts' },
  'ots-server': { entry: 'cli/bin.ts', test: 'test/cli/serve.test.ts' },
  bench: { entry: 'bench/run.ts', test: 'test/bench.test.ts' },
  build: { entry: 'scripts/build-action.ts', test: 'test/action/dist.test.ts' },
  docs: { entry: 'scripts/action-docs.ts', test: 'test/action/docs.test.ts' },
  'build:action': { entry: 'scripts/build-action.ts', test: 'test/action/dist.test.ts' },
  'test:live': { entry: 'scripts/live-check.ts', test: 'test/live-check.test.ts' },
};

/** A script's command with the `npm run` steps it chains expanded, so `build` covers `build:action`. */
function expand(name: string): string {
  const command = scripts[name] ?? '';
  return command.replace(/npm run (?:-s )?([\w:-]+)/g, (_, inner: string) => expand(inner));
}

const readmeScripts = [
  ...new Set([...readme.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1] as string)),
];

describe('README commands', () => {
  it('mentions the scripts a user needs', () => {
    expect(readmeScripts).toEqual(expect.arrayContaining(['demo', 'bench', 'ots-server']));
  });

  for (const name of readmeScripts) {
    it(`npm run ${name} is a package.json script that a test runs`, () => {
      expect(scripts[name], `package.json has no "${name}" script`).toBeDefined();
      const coverage = exercisedBy[name];
      expect(coverage, `no test is known to run "npm run ${name}"; add one and list it here`).toBeDefined();
      if (!coverage) return;
      expect(expand(name)).toContain(coverage.entry);
      expect(existsSync(new URL(coverage.test, root)), coverage.test).toBe(true);
      expect(read(coverage.test)).toContain(basename(coverage.entry));
    });
  }

  it('tells a new user exactly the two commands CI runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    const ci = read('.ci/run')
      .split('\n')
      .filter((line) => line.startsWith('npm '));
    expect(ci.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['npm ci', 'npm test']);
    expect(readme).toMatch(/^npm ci\b/m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});
