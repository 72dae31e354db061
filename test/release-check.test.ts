import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSUMERS } from '../scripts/release/consumers.ts';
import { runNode } from './support/run-node.ts';

// `npm run release:check` is the gate before a release (release.yml runs npm test, which runs this): the tarball
// npm would publish installs and works from every kind of consumer project, and publint and attw find nothing.
const script = fileURLToPath(new URL('../scripts/release-check.ts', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('npm run release:check', () => {
  it('builds lib/ whenever the package is packed (prepack), so a clean clone packs a whole package', () => {
    expect(pkg.scripts.prepack).toBe('npm run build:lib');
    expect(pkg.scripts['build:lib']).toContain('scripts/build-lib.ts');
    expect(pkg.scripts['release:check']).toContain('scripts/release-check.ts');
  });

  it('passes on the packed package: lint, install, and share -> reveal -> burn from each consumer', async () => {
    // --no-build: npm test built lib/ already, and other test files read it while this runs.
    const { code, stdout, stderr } = await runNode([script, '--no-build']);
    expect(stdout + stderr).not.toContain('FAIL');
    expect(code).toBe(0);
    for (const check of [
      'publint --strict',
      '@arethetypeswrong/cli',
      'npm install <tarball>',
      'the installed package',
    ]) {
      expect(stdout).toContain(`ok    ${check}`);
    }
    for (const consumer of CONSUMERS) expect(stdout).toContain(`ok    ${consumer.name}: `);
    expect(stdout).toContain('release check passed');
  }, 240_000);
});
