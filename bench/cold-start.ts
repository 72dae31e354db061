// What the cold-start benchmarks (action.bench.ts, command.bench.ts) share: timing a fresh Node process, the median,
// and the floor, the least any client can do for one share.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs `node ...args` and returns its wall time in ms; its stderr is shown only when it fails. */
export async function timed(args: string[], env: Record<string, string>): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}: ${stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Writes the floor script into `dir`: one v2 conceal with node:http to $OTS_URL, the answer read, no checks, no
 * outputs. Returns its path.
 */
export function writeFloorScript(dir: string): string {
  const path = join(dir, 'floor.cjs');
  writeFileSync(
    path,
    `const body = JSON.stringify({ secret: { secret: 'bench-floor' } });
require('node:http')
  .request(process.env.OTS_URL + '/api/v2/secret/conceal', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => { res.resume(); res.on('end', () => { process.exitCode = res.statusCode === 200 ? 0 : 1; }); })
  .end(body);
`,
  );
  return path;
}
