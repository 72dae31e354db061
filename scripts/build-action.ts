// `npm run build:action [-- <outDir> [--stats <file>]]`: bundles the Action (action/index.ts) with ncc into dist/
// (or <outDir>), with licenses.txt listing every bundled package (scripts/action-licenses.ts). The output directory
// is emptied first: ncc leaves stale chunks behind, and dist/ must be exactly what the sources build. No source
// maps: users see our messages, not stack traces, and maps would double dist/. --stats keeps ncc's module list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundledPackageDirs, licensesText } from './action-licenses.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values, positionals } = parseArgs({ options: { stats: { type: 'string' } }, allowPositionals: true });
const outDir = resolve(root, positionals[0] ?? 'dist');
const ncc = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'ots-build-action-'));
const statsFile = values.stats ? resolve(values.stats) : join(scratch, 'stats.json');

try {
  rmSync(outDir, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [ncc, 'build', 'action/index.ts', '--out', outDir, '--stats-out', statsFile, '--quiet'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  writeFileSync(join(outDir, 'licenses.txt'), licensesText(bundledPackageDirs(stats)));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
