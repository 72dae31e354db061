// `npm run bench -- action`: the Action's cold start. Runs the committed bundle (`node dist/index.js`, sharing one
// secret against the local OTS server, as the runner would start it), bare `node -e ''`, and a floor (a script that
// sends the same share with nothing but node:http) in turn, 20 times each, on the same Node (process.execPath), and
// reports the medians, the overhead over bare Node (the issue's target) and over the floor, and the bundle size.
// `npm run bench -- action --also <dir>` (repeatable) also times another build's dist/ in the same turns, e.g. an
// older commit's (`git archive <commit> dist | tar -x -C /tmp/old`), so two bundles are compared on one machine state.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startOtsServer } from '../server/index.ts';
import { median, timed, writeFloorScript } from './cold-start.ts';

// BENCH_QUICK=1: a smoke run (test/bench.test.ts) that proves the benchmark works, not a measurement.
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 2 : 20;
const TARGET_OVERHEAD_MS = 50;
/** dist/index.js, what every run loads (the @actions/github chunk loads only for comment-on). */
const TARGET_INDEX_BYTES = 1_200_000;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const { values: args } = parseArgs({ options: { also: { type: 'string', multiple: true } }, strict: false });
const others = ((args.also ?? []) as string[]).map((dir) => resolve(dir));

const server = await startOtsServer();
const temp = mkdtempSync(join(tmpdir(), 'ots-bench-'));
const actionEnv = (i: number): Record<string, string> => {
  const files = { GITHUB_OUTPUT: join(temp, `output-${i}`), GITHUB_STATE: join(temp, `state-${i}`) };
  for (const file of Object.values(files)) writeFileSync(file, '');
  return {
    PATH: process.env.PATH ?? '',
    ...files,
    INPUT_SECRET: `bench-secret-${i}`,
    'INPUT_BASE-URL': server.url,
    INPUT_SUMMARY: 'false',
  };
};

const floorScript = writeFloorScript(temp);

const bare: number[] = [];
const floor: number[] = [];
const action: number[] = [];
const other = others.map(() => [] as number[]);
try {
  // One warm-up of each fills the OS file cache; then take turns so drift affects all equally.
  const floorEnv = { PATH: process.env.PATH ?? '', OTS_URL: server.url };
  await timed(['-e', ''], {});
  await timed([floorScript], floorEnv);
  await timed([join(dist, 'index.js')], actionEnv(-1));
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timed(['-e', ''], { PATH: process.env.PATH ?? '' }));
    floor.push(await timed([floorScript], floorEnv));
    action.push(await timed([join(dist, 'index.js')], actionEnv(i)));
    for (const [n, dir] of others.entries())
      other[n]?.push(await timed([join(dir, 'index.js')], actionEnv(i)));
  }
} finally {
  await server.close();
}

const files = readdirSync(dist).map((name) => ({ name, bytes: statSync(join(dist, name)).size }));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const bareMs = median(bare);
const floorMs = median(floor);
const actionMs = median(action);
const overhead = actionMs - bareMs;
console.log(`node ${process.versions.node}, ${RUNS} runs each, medians`);
console.log(`  node -e ''                      ${bareMs.toFixed(1)} ms`);
console.log(
  `  floor: one share with node:http ${floorMs.toFixed(1)} ms  (${(floorMs / bareMs).toFixed(2)}x bare node)`,
);
console.log(
  `  node dist/index.js (one share)  ${actionMs.toFixed(1)} ms  (${(actionMs / bareMs).toFixed(2)}x bare node)`,
);
console.log(
  `  overhead                        ${overhead.toFixed(1)} ms  (target <= ${TARGET_OVERHEAD_MS} ms)`,
);
console.log(`  over the floor                  ${(actionMs - floorMs).toFixed(1)} ms`);
for (const [n, dir] of others.entries()) {
  const ms = median(other[n] ?? []);
  console.log(`  --also ${dir}: ${ms.toFixed(1)} ms, overhead ${(ms - bareMs).toFixed(1)} ms`);
  console.log(`    this build's overhead is ${((overhead / (ms - bareMs)) * 100).toFixed(0)}% of that one's`);
}
console.log(
  `bundle: ${files.map((f) => `${f.name} ${kib(f.bytes)}`).join(', ')}; total ${kib(files.reduce((n, f) => n + f.bytes, 0))}`,
);
const index = files.find((f) => f.name === 'index.js')?.bytes ?? 0;
console.log(
  `  index.js                        ${(index / 1e6).toFixed(2)} MB  (target <= ${TARGET_INDEX_BYTES / 1e6} MB)`,
);
if ((overhead > TARGET_OVERHEAD_MS || index > TARGET_INDEX_BYTES) && !QUICK) {
  console.log('over target');
  process.exitCode = 1;
}
