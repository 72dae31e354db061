// `npm run build:action [-- <outDir> [--stats <file>]]`: bundles the Action (action/index.ts) with rolldown into
// dist/ (or <outDir>), with licenses.txt listing every bundled package (scripts/action-licenses.ts). The output
// directory is emptied first, so dist/ is exactly what the sources build. --stats keeps the bundler's module list.
//
// Why rolldown and these options: the runner starts a fresh Node for every step, so what the bundle loads at start
// is paid on every run. @actions/core's entry statically imports its OIDC client (@actions/http-client, with its
// own undici 6) and `platform` (@actions/exec, @actions/io), none of which the action calls; their modules have no
// side effects on import, so declaring @actions/core side-effect free lets tree-shaking drop them. webpack (ncc)
// reads that only from a package's own package.json. Minified, no source maps: users see our messages, not stack
// traces. @actions/github stays a lazily loaded chunk (action/comment.ts), only read when a comment is posted.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'rolldown';
import { bundledPackageDirs, licensesText } from './action-licenses.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values, positionals } = parseArgs({ options: { stats: { type: 'string' } }, allowPositionals: true });
const outDir = resolve(root, positionals[0] ?? 'dist');

/**
 * undici's entry loads all of undici (fetch, WebSocket, caches, mocks, two HTTP parsers) at start, and CommonJS
 * cannot be tree-shaken; core/http/dispatcher.ts uses two classes. For core's `import { … } from 'undici'` the
 * bundle gets those two from their own files (undici has no exports map, and the version is pinned exactly in
 * package.json); a name core starts to import that is not listed here fails the build.
 */
const UNDICI_CLASSES: Record<string, string> = {
  Pool: 'undici/lib/dispatcher/pool.js',
  EnvHttpProxyAgent: 'undici/lib/dispatcher/env-http-proxy-agent.js',
};
const onlyUsedUndici: Plugin = {
  name: 'only-used-undici',
  resolveId(source, importer) {
    if (source !== 'undici' || importer === undefined || !/[\\/]core[\\/]/.test(importer)) return null;
    return '\0undici-classes';
  },
  load(id) {
    if (id !== '\0undici-classes') return null;
    return Object.entries(UNDICI_CLASSES)
      .map(([name, file]) => `export { default as ${name} } from ${JSON.stringify(file)};`)
      .join('\n');
  },
};

rmSync(outDir, { recursive: true, force: true });
const { output } = await build({
  cwd: root,
  input: join(root, 'action/index.ts'),
  platform: 'node',
  logLevel: 'warn',
  plugins: [onlyUsedUndici],
  // undici's own switch for bundles (Node builds its fetch this way): the HTTP/1 parser is llhttp only, without
  // the experimental Milo parser (opt-in through UNDICI_USE_MILO), whose two WebAssembly builds weigh 170 KB.
  transform: { define: { esbuildDetection: 'true' } },
  treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]@actions[\\/]core[\\/]/.test(id) },
  output: {
    dir: outDir,
    format: 'esm',
    minify: true,
    entryFileNames: 'index.js',
    chunkFileNames: '[name].js',
  },
});
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
const modules = output.flatMap((file) =>
  file.type === 'chunk' ? file.moduleIds.map((identifier) => ({ identifier })) : [],
);
writeFileSync(join(outDir, 'licenses.txt'), licensesText(bundledPackageDirs({ modules })));
if (values.stats) {
  mkdirSync(resolve(values.stats, '..'), { recursive: true });
  writeFileSync(resolve(values.stats), JSON.stringify({ modules }));
}
