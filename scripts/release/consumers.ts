// The consumer projects `npm run release:check` installs the packed package into: each its own module system,
// each running the same share -> reveal -> burn against the server in OTS_RELEASE_CHECK_URL, then the same
// against a local OTS server it starts itself from ots-handoff/server (the offline-testing entry).
export interface Consumer {
  name: string;
  description: string;
  /** The file Node runs. */
  main: string;
  files: Record<string, string>;
}

/** The round trip, in the syntax common to ESM JavaScript and TypeScript. */
const roundTrip = (clientFrom: string) => `
const client = new OtsClient({ baseUrl: process.env.OTS_RELEASE_CHECK_URL });
const receipt = await client.share('release-check-value', { ttl: '5m' });
const revealed = await client.reveal(receipt.secretUrl ?? '');
if (revealed.value !== 'release-check-value') throw new Error('revealed a different value');
const burned = await client.burn((await client.share('to burn')).receiptKey);
if (burned.state !== 'burned') throw new Error(\`burn left state \${burned.state}\`);
console.log('share -> reveal -> burn: ok (${clientFrom})');
`;

/** ots-handoff/server: start a server with an account, share and reveal through it, move its clock, stop it. */
const offlineTrip = (from: string) => `
const local = await startOtsServer({ accounts: [{ username: 'me@example.com', apiToken: 'local-token' }] });
try {
  const offline = new OtsClient({ baseUrl: local.url, username: 'me@example.com', apiToken: 'local-token' });
  const shared = await offline.share('offline-value', { ttl: '1h' });
  if ((await offline.reveal(shared.secretUrl ?? '')).value !== 'offline-value') throw new Error('local server lost the value');
  local.clock.advance(60);
  if (local.requests.length < 2 || !local.url.startsWith('http://127.0.0.1:')) throw new Error('unexpected server handle');
} finally {
  await local.close();
}
console.log('ots-handoff/server: ok (${from})');
`;

const typed = `import { OtsClient, type Receipt } from 'ots-handoff';
import type { OneTimeSecretArgs } from 'ots-handoff/pulumi';
import { type OtsServerOptions, startOtsServer } from 'ots-handoff/server';
// Types must be real, not any: a wrong type here fails tsc.
const args: OneTimeSecretArgs = { secret: 'x', ttl: '1h' };
// @ts-expect-error a Receipt has no such field
const wrong: Receipt['nonexistent'] = args;
// @ts-expect-error the server has two eras, 'current' and 'v0.23'
const badEra: OtsServerOptions = { era: 'v9' };
${roundTrip('TypeScript')}${offlineTrip('TypeScript')}`;

const tsconfig = (compilerOptions: Record<string, unknown>) =>
  `${JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: ['node'], target: 'es2023', ...compilerOptions }, files: ['index.ts'] }, null, 2)}\n`;
const packageJson = (type: 'module' | 'commonjs') => `${JSON.stringify({ type, private: true }, null, 2)}\n`;

export const CONSUMERS: Consumer[] = [
  {
    name: 'esm',
    description: "import from 'ots-handoff' and 'ots-handoff/server' in an ES module",
    main: 'index.js',
    files: {
      'package.json': packageJson('module'),
      'index.js': `import { OtsClient } from 'ots-handoff';\nimport { startOtsServer } from 'ots-handoff/server';\n${roundTrip('ESM')}${offlineTrip('ESM')}`,
    },
  },
  {
    name: 'cjs',
    description:
      "require('ots-handoff/pulumi'), require('ots-handoff') and require('ots-handoff/server') in CommonJS",
    main: 'index.js',
    files: {
      'package.json': packageJson('commonjs'),
      'index.js': `'use strict';
const { OneTimeSecret, OneTimeSecretProvider } = require('ots-handoff/pulumi');
if (typeof OneTimeSecret !== 'function' || typeof OneTimeSecretProvider !== 'function') {
  throw new Error('ots-handoff/pulumi does not export the resource and its provider');
}
const { OtsClient } = require('ots-handoff');
const { startOtsServer } = require('ots-handoff/server');
(async () => {${roundTrip('CommonJS')}${offlineTrip('CommonJS')}})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
    },
  },
  {
    name: 'ts-node16',
    description: 'TypeScript, module and moduleResolution node16, type-checked by tsc, run by Node',
    main: 'index.ts',
    files: {
      'package.json': packageJson('module'),
      'tsconfig.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
      'index.ts': typed,
    },
  },
  {
    name: 'ts-bundler',
    description: 'TypeScript, module esnext and moduleResolution bundler, type-checked by tsc, run by Node',
    main: 'index.ts',
    files: {
      'package.json': packageJson('module'),
      'tsconfig.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }),
      'index.ts': typed,
    },
  },
];
