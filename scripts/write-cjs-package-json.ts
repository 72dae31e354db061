// lib/cjs holds the CommonJS build of ots-handoff/pulumi (tsconfig.cjs.json). The package is "type": "module",
// so without this marker Node would load those .js files as ES modules and fail on `require`/`exports`.
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('lib/cjs', { recursive: true });
writeFileSync('lib/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
