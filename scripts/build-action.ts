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
// CommonJS output: an ES module's import of a built-in builds the module's whole namespace, which runs lazy
// getters (node:http's WebSocket loads Node's own undici, node:crypto's webcrypto, node:fs's promises), while
// require() leaves them unread. `npm run bench -- action` measures the start.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'rolldown';
import { bundledPackageDirs, licensesText } from './action-licenses.ts';
import { LAZY_BUILTINS } from './lazy-builtins.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values, positionals } = parseArgs({ options: { stats: { type: 'string' } }, allowPositionals: true });
const outDir = resolve(root, positionals[0] ?? 'dist');

/** Core takes undici's parts from their own files (core/http/dispatcher.ts says why): the entry must not creep back. */
const noUndiciEntry: Plugin = {
  name: 'no-undici-entry',
  resolveId(source, importer) {
    if (source === 'undici' && importer !== undefined && !/[\\/]node_modules[\\/]/.test(importer)) {
      this.error(
        `${importer} imports undici's entry, which loads all of undici; import the part from its own file.`,
      );
    }
    return null;
  },
};

/** scripts/lazy-builtins.ts, for undici's own requires only. */
const lazyBuiltins: Plugin = {
  name: 'lazy-builtins',
  resolveId(source, importer) {
    const inUndici = importer !== undefined && /[\\/]undici[\\/]lib[\\/]/.test(importer);
    return inUndici && source in LAZY_BUILTINS ? `\0lazy:${source}` : null;
  },
  load(id) {
    return id.startsWith('\0lazy:') ? LAZY_BUILTINS[id.slice('\0lazy:'.length)] : null;
  },
  transform(code, id) {
    // The stand-in has `constants` and `connect` only: an undici that starts using more must fail the build.
    if (/[\\/]undici[\\/]lib[\\/]/.test(id) && /\bhttp2\.(?!connect\b|constants\b)[A-Za-z]/.test(code)) {
      this.error(`${id} uses more of node:http2 than scripts/lazy-builtins.ts stands in for`);
    }
    return null;
  },
};

/**
 * undici embeds its llhttp WebAssembly twice (SIMD and plain) as base64 in JavaScript: 145 KB that every start
 * reads, compiles as source and decodes. The bundle ships the binaries beside index.js instead and reads the one
 * undici asks for, when it first parses a response.
 */
const LLHTTP_WASM = /^(?:llhttp_simd|llhttp)(?=-wasm\.js$)/;
const requireHere = createRequire(import.meta.url);
const coreUndiciLlhttp = dirname(requireHere.resolve('undici/lib/llhttp/llhttp-wasm.js'));
const llhttpFiles: Plugin = {
  name: 'llhttp-files',
  load(id) {
    // Only core's undici: @actions/github's own (older) undici keeps its embedded copy in the lazy chunk.
    const match = normalize(dirname(id)) === coreUndiciLlhttp ? LLHTTP_WASM.exec(basename(id)) : null;
    if (match === null) return null;
    const wasm = `${match[0]}.wasm`;
    this.emitFile({ type: 'asset', fileName: wasm, source: requireHere(id) as Buffer });
    return `module.exports = require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(wasm)}));`;
  },
};

rmSync(outDir, { recursive: true, force: true });
const { output } = await build({
  cwd: root,
  input: join(root, 'action/index.ts'),
  platform: 'node',
  logLevel: 'warn',
  plugins: [noUndiciEntry, lazyBuiltins, llhttpFiles],
  // undici's own switch for bundles (Node builds its fetch this way): the HTTP/1 parser is llhttp only, without
  // the experimental Milo parser (opt-in through UNDICI_USE_MILO), whose two WebAssembly builds weigh 170 KB.
  transform: { define: { esbuildDetection: 'true' } },
  treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]@actions[\\/]core[\\/]/.test(id) },
  output: {
    dir: outDir,
    format: 'cjs',
    minify: true,
    entryFileNames: 'index.js',
    chunkFileNames: '[name].js',
  },
});
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
const modules = output.flatMap((file) =>
  file.type === 'chunk' ? file.moduleIds.map((identifier) => ({ identifier })) : [],
);
writeFileSync(join(outDir, 'licenses.txt'), licensesText(bundledPackageDirs({ modules })));
if (values.stats) {
  mkdirSync(resolve(values.stats, '..'), { recursive: true });
  writeFileSync(resolve(values.stats), JSON.stringify({ modules }));
}
