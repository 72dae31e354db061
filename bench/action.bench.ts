// `npm run bench -- action`: the Action's cold start. Runs the committed bundle (`node dist/index.js`, sharing one
// secret against the local OTS server, as the runner would start it), bare `node -e ''`, and a floor (a script that
// sends the same share with nothing but node:http) in turn, 20 times each, on the same Node (process.execPath), and
// reports the medians, the overhead over bare Node (the issue's target) and over the floor, and the bundle size.
// `npm run bench -- action --also <dir>` (repeatable) also times another build's dist/ in the same turns, e.g. an
// older commit's (`git archive <commit> dist | tar -x -C /tmp/old`), so two bundles are compared on one machine state.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startOtsServer } from '../server/index.ts';

// BENCH_QUICK=1: a smoke run (test/bench.test.ts) that proves the benchmark works, not a measurement.
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 2 : 20;
const TARGET_OVERHEAD_MS = 50;
/** dist/index.js, what every run loads (the @actions/github chunk loads only for comment-on). */
const TARGET_INDEX_BYTES = 1_200_000;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const { values: args } = parseArgs({ options: { also: { type: 'string', multiple: true } }, strict: false });
const others = ((args.also ?? []) as string[]).map((dir) => resolve(dir));

async function timed(args: string[], env: Record<string, string>): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

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

/** The least any client can do: one v2 conceal with node:http, the answer read, no checks, no outputs. */
const floorScript = join(temp, 'floor.cjs');
writeFileSync(
  floorScript,
  `const body = JSON.stringify({ secret: { secret: 'bench-floor' } });
require('node:http')
  .request(process.env.OTS_URL + '/api/v2/secret/conceal', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => { res.resume(); res.on('end', () => { process.exitCode = res.statusCode === 200 ? 0 : 1; }); })
  .end(body);
`,
);

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
