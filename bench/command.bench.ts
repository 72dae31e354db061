// `npm run bench -- command`: the `ots` command's cold start, what a terminal user or a CI script waits for on every
// call. Runs the built CLI (lib/cli/bin.js, what the npm package's `ots` runs; built first when stale) for one
// `ots share FILE` against the local OTS server, bare `node -e ''`, and the same share with node:http alone (the
// floor), in turn, 20 times each, on the same Node, and prints the medians and the overhead over bare Node.
// `--also-lib <dir>` (repeatable) also times another build's lib/ in the same turns: a folder holding lib/cli/bin.js,
// with node_modules and a package.json of "type": "module" beside lib/ (e.g. an older commit's `npm run build:lib`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startOtsServer } from '../server/index.ts';
import { median, timed, writeFloorScript } from './cold-start.ts';

// BENCH_QUICK=1: a smoke run (test/bench.test.ts) that proves the benchmark works, not a measurement.
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 2 : 20;
const root = fileURLToPath(new URL('../', import.meta.url));
const { values: args } = parseArgs({
  options: { 'also-lib': { type: 'string', multiple: true } },
  strict: false,
});
const builds = [root, ...((args['also-lib'] ?? []) as string[]).map((dir) => resolve(dir))];

/** lib/cli/bin.js exists and is newer than every source it is built from (what the tests check too). */
function libIsCurrent(): boolean {
  const bin = join(root, 'lib/cli/bin.js');
  if (!existsSync(bin)) return false;
  const built = statSync(bin).mtimeMs;
  const sources = ['cli', 'core', 'server'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(root, dir, file)),
  );
  return sources.every((file) => !file.endsWith('.ts') || statSync(file).mtimeMs <= built);
}
// A stale lib/ would time code that is not the checkout's: build it, as `npm run build:lib` does.
if (!libIsCurrent()) {
  console.log('lib/ is missing or older than the sources: building it (npm run build:lib)');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-lib.ts')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}
for (const dir of builds) {
  if (!existsSync(join(dir, 'lib/cli/bin.js'))) {
    console.error(`${join(dir, 'lib/cli/bin.js')} is missing: run \`npm run build:lib\` there first.`);
    process.exit(1);
  }
}

const server = await startOtsServer();
const temp = mkdtempSync(join(tmpdir(), 'ots-bench-cli-'));
const secretFile = join(temp, 'secret');
writeFileSync(secretFile, 'bench-cli-secret');
const env = { PATH: process.env.PATH ?? '', OTS_BASE_URL: server.url, OTS_URL: server.url };
const floorScript = writeFloorScript(temp);
const share = (dir: string) => [join(dir, 'lib/cli/bin.js'), 'share', secretFile];

const bare: number[] = [];
const floor: number[] = [];
const cli = builds.map(() => [] as number[]);
try {
  // One warm-up of each fills the OS file cache; then take turns so drift affects all equally.
  await timed(['-e', ''], env);
  await timed([floorScript], env);
  for (const dir of builds) await timed(share(dir), env);
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timed(['-e', ''], env));
    floor.push(await timed([floorScript], env));
    for (const [n, dir] of builds.entries()) cli[n]?.push(await timed(share(dir), env));
  }
} finally {
  await server.close();
  rmSync(temp, { recursive: true, force: true });
}

const bareMs = median(bare);
const floorMs = median(floor);
console.log(`node ${process.versions.node}, ${RUNS} runs each, medians`);
console.log(`  node -e ''                      ${bareMs.toFixed(1)} ms`);
console.log(
  `  floor: one share with node:http ${floorMs.toFixed(1)} ms  (overhead ${(floorMs - bareMs).toFixed(1)} ms)`,
);
const ownOverhead = median(cli[0] ?? []) - bareMs;
for (const [n, dir] of builds.entries()) {
  const ms = median(cli[n] ?? []);
  const label = n === 0 ? 'ots share (this lib/)' : `ots share (${dir})`;
  console.log(
    `  ${label}: ${ms.toFixed(1)} ms  (${(ms / bareMs).toFixed(2)}x bare node, overhead ${(ms - bareMs).toFixed(1)} ms)`,
  );
  if (n > 0) {
    console.log(
      `    this build's overhead is ${((ownOverhead / (ms - bareMs)) * 100).toFixed(0)}% of that one's`,
    );
  }
}
