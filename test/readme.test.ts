import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every command the README or a page under docs/ tells a user to run is exercised by a test or by .ci/run, so the
// docs cannot rot unnoticed: a new `npm run x` in them fails here until something runs it.
const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const readme = read('README.md');
const docs = [
  readme,
  ...readdirSync(new URL('docs/', root))
    .filter((file) => file.endsWith('.md'))
    .map((file) => read(`docs/${file}`)),
].join('\n');
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
  ...new Set([...docs.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1] as string)),
];

describe('README and docs/ commands', () => {
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

describe('README and docs/ pages', () => {
  it('the README stays a front page: at most 12 KB, manuals in docs/', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(12 * 1024);
    for (const page of ['action', 'pulumi', 'cli', 'library', 'security']) {
      expect(readme).toContain(`(docs/${page}.md)`);
    }
  });

  it('every relative link points at a file that exists', () => {
    const pages = ['README.md', ...readdirSync(new URL('docs/', root)).map((file) => `docs/${file}`)];
    for (const page of pages.filter((p) => p.endsWith('.md'))) {
      for (const [, target] of read(page).matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue;
        expect(existsSync(new URL(target as string, new URL(page, root))), `${page} → ${target}`).toBe(true);
      }
    }
  });
});
