// `npm run release:check [-- --no-build]`: is the tarball `npm publish` would upload usable? It packs the package
// (prepack builds lib/; --no-build packs the lib/ already built, for npm test, where other tests read lib/),
// lints it with publint and @arethetypeswrong/cli, installs it with npm into a fresh project, and from ESM,
// CommonJS and TypeScript (node16 and bundler resolution) consumers there runs share -> reveal -> burn against
// the local OTS server. Exit code 0 only if all of it passes.
//
// The install takes ots-handoff and its dependencies (undici) through npm from the tarball, preferring the npm
// cache (`npm ci` filled it); @pulumi/pulumi (an optional peer the user brings) and the TypeScript tooling are
// linked from this repository's node_modules rather than downloaded again.
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startOtsServer } from '../server/index.ts';
import { CONSUMERS } from './release/consumers.ts';
import { packRepository, REPO_ROOT } from './release/pack.ts';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
const LINKED = ['@pulumi', 'typescript', '@types'];

/** Runs a command without blocking: the local server answers the consumers from this same process. */
async function run(command: string, args: string[], cwd: string, env = process.env): Promise<string> {
  const shell = command === 'npm' && process.platform === 'win32';
  return (await promisify(execFile)(command, args, { cwd, env, encoding: 'utf8', shell })).stdout;
}

/** Runs one check, prints its outcome, and turns a failure's output into a message. */
async function check(name: string, body: () => Promise<unknown>): Promise<boolean> {
  const started = performance.now();
  try {
    await body();
    console.log(`ok    ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return true;
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    console.log(`FAIL  ${name}\n${[stdout, stderr].filter(Boolean).join('\n') || message}`);
    return false;
  }
}

/** What a user's node_modules/ots-handoff holds: every exported file, usable maps, nothing dev-only. */
async function inspectInstalled(dir: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // Users install dependencies and optionalDependencies: the dev-only Node 24 must not be among them.
  const installedForUsers = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
  if (installedForUsers.join() !== 'undici') {
    throw new Error(`users would install ${installedForUsers.join(', ')}; expected only undici`);
  }
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) =>
    file.split(sep).join('/'),
  );
  for (const entry of [
    'lib/core/index.js',
    'lib/cjs/pulumi/index.js',
    'lib/pulumi/provider/index.js',
    'lib/server/index.js',
    'lib/cli/bin.js',
  ]) {
    if (!files.includes(entry)) throw new Error(`${entry} is missing from the package`);
  }
  const sources = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  if (sources.length > 0) throw new Error(`TypeScript sources shipped: ${sources.join(', ')}`);
  for (const map of files.filter((file) => file.endsWith('.map'))) {
    const { sources: mapped, sourcesContent } = JSON.parse(readFileSync(join(dir, map), 'utf8'));
    if (!Array.isArray(sourcesContent) || sourcesContent.length !== mapped.length) {
      throw new Error(`${map} points at sources the package does not hold`);
    }
  }
}

const work = mkdtempSync(join(tmpdir(), 'ots-handoff-release-check-'));
const server = await startOtsServer({ clockMode: 'real' });
const results: boolean[] = [];
try {
  const started = performance.now();
  const tarball = packRepository(work, { ignoreScripts: values['no-build'] });
  console.log(`packed ${tarball} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const node = process.execPath;
  const bin = (path: string) => join(REPO_ROOT, 'node_modules', path);
  results.push(
    await check('publint --strict', () =>
      run(node, [bin('publint/src/cli.js'), 'run', '--strict', tarball], work),
    ),
  );
  // The root, ./pulumi/provider and ./server entries are ESM only; CommonJS reaches them with require(esm), which every
  // Node that engines.node allows (>= 22.19) has, so attw's cjs-resolves-to-esm does not apply. ./pulumi has a
  // real CommonJS build, checked by attw's other rules and by the CommonJS consumer below.
  results.push(
    await check('@arethetypeswrong/cli', () =>
      run(
        node,
        [bin('@arethetypeswrong/cli/dist/index.js'), tarball, '--ignore-rules', 'cjs-resolves-to-esm'],
        work,
      ),
    ),
  );

  const project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true }, null, 2)}\n`,
  );
  const installed = await check('npm install <tarball> (with its dependencies)', () =>
    run(
      'npm',
      [
        'install',
        tarball,
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
      ],
      project,
    ),
  );
  results.push(installed);
  if (installed) {
    results.push(
      await check(
        'the installed package: lib/ entries, maps that embed their sources, no dev-only dependencies',
        () => inspectInstalled(join(project, 'node_modules', 'ots-handoff')),
      ),
    );
    for (const name of LINKED) symlinkSync(bin(name), join(project, 'node_modules', name), 'junction');
    const env = { ...process.env, OTS_RELEASE_CHECK_URL: server.url };
    // Two at a time: each is a tsc or a Node process, and CI has two cores.
    const queue = [...CONSUMERS];
    const worker = async () => {
      for (let consumer = queue.shift(); consumer; consumer = queue.shift()) {
        const dir = join(project, consumer.name);
        mkdirSync(dir);
        for (const [file, text] of Object.entries(consumer.files)) writeFileSync(join(dir, file), text);
        const { main, files } = consumer;
        results.push(
          await check(`${consumer.name}: ${consumer.description}`, async () => {
            if (files['tsconfig.json']) await run(node, [bin('typescript/bin/tsc'), '-p', '.'], dir);
            const out = await run(node, [main], dir, env);
            for (const expected of ['share -> reveal -> burn: ok', 'ots-handoff/server: ok']) {
              if (!out.includes(expected)) throw new Error(`unexpected output (no "${expected}"):\n${out}`);
            }
          }),
        );
      }
    };
    await Promise.all([worker(), worker()]);
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
const failed = results.filter((ok) => !ok).length;
console.log(
  failed === 0 ? 'release check passed' : `release check failed: ${failed} of ${results.length} checks`,
);
process.exit(failed === 0 ? 0 : 1);
