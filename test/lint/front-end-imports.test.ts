// Front ends use core's public surface only: biome.json's noRestrictedImports refuses a deep core import in
// action/, pulumi/ and cli/. Probe files are written where the rule applies, linted, and removed.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const probes: string[] = [];

function lint(folder: string, importPath: string): string {
  const file = join(root, folder, `lint-probe-${process.pid}-${probes.length}.ts`);
  probes.push(file);
  writeFileSync(file, `import { RULES } from '${importPath}';\n\nexport const rules = RULES;\n`);
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'lint', '--colors=off', file],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    return '';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout) + String((error as { stderr?: Buffer }).stderr);
  }
}

afterAll(() => {
  for (const file of probes) rmSync(file, { force: true });
});

describe('front ends import only core/index.ts', () => {
  it.each([
    ['action', '../core/rules.ts'],
    ['pulumi/provider', '../../core/rules.ts'],
    ['cli', '../core/rules.ts'],
  ])('%s/ may not import %s', (folder, deep) => {
    expect(lint(folder, deep)).toMatch(/noRestrictedImports/);
  });

  it.each([
    ['action', '../core/index.ts'],
    ['pulumi/provider', '../../core/index.ts'],
    ['cli', '../core/index.ts'],
  ])('%s/ may import %s', (folder, index) => {
    expect(lint(folder, index)).toBe('');
  });
});
