// `npm run build:action [-- <outDir>]`: bundles the Action (action/index.ts) with ncc into dist/ (or <outDir>).
// The output directory is emptied first: ncc leaves stale chunks behind, and dist/ must be exactly what the
// sources build. No source maps: users see our messages, not stack traces, and maps would double dist/.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = resolve(root, process.argv[2] ?? 'dist');
const ncc = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js');

rmSync(outDir, { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  [ncc, 'build', 'action/index.ts', '--out', outDir, '--license', 'licenses.txt', '--quiet'],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
