// The Pulumi entry point as a program gets it: the built package, loaded by Node itself through the package's
// `exports`. Vitest's module runner rewrites `import()` into a helper that Pulumi's function serialization would
// capture, so the provider must never be loaded through it; tests that serialize use these loaders.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type PulumiEntry = typeof import('../../../pulumi/index.ts');

/** `require('ots-handoff/pulumi')` (the CommonJS build), resolved by package self-reference. */
export function requireBuiltPulumiEntry(): PulumiEntry {
  assertBuilt();
  return createRequire(join(REPO_ROOT, 'package.json'))('ots-handoff/pulumi') as PulumiEntry;
}

/** Fails with instructions when lib/ is missing or older than the sources it was built from. */
export function assertBuilt(): void {
  const built = ['lib/cjs/pulumi/index.js', 'lib/pulumi/index.js', 'lib/pulumi/provider/index.js'];
  const newestSource = Math.max(...['pulumi', 'core'].flatMap((dir) => sourceTimes(join(REPO_ROOT, dir))));
  for (const file of built) {
    let mtime: number;
    try {
      mtime = statSync(join(REPO_ROOT, file)).mtimeMs;
    } catch {
      throw new Error(`${file} is missing: run \`npm run build:lib\` first (npm test does).`);
    }
    if (mtime < newestSource) {
      throw new Error(`${file} is older than pulumi/ or core/: run \`npm run build:lib\` again.`);
    }
  }
}

function sourceTimes(dir: string): number[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => statSync(join(dir, file)).mtimeMs);
}
