// `npm run build:lib` (and `prepack`): builds lib/, what the npm package ships, from core/ and pulumi/.
// lib/ is emptied first so that a file whose source was deleted cannot ride along into a tarball. The ESM build
// (tsconfig.build.json) embeds its sources in the source maps (inlineSources): the package holds no .ts files,
// so a map that only pointed at ../../core/*.ts would lead a debugger nowhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(root, 'lib'), { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.cjs.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// lib/cjs holds the CommonJS build of ots-handoff/pulumi (tsconfig.cjs.json). The package is "type": "module",
// so without this marker Node would load those .js files as ES modules and fail on `require`/`exports`.
mkdirSync(join(root, 'lib', 'cjs'), { recursive: true });
writeFileSync(join(root, 'lib', 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
