// OtsClient against a bare undici loop doing the same HTTP calls (share + reveal), on the local OTS server
// running in its own process. Prints round trips per second and the ratio client/bare for each API version,
// sequentially and with 16 in flight. The budget: the client costs at most 10 % (ratio ≥ 0.90).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { OtsClient } from '../core/index.ts';

// BENCH_QUICK=1: a smoke run (test/bench.test.ts) that proves the benchmark works, not a measurement.
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 1 : 9;
const SEQUENTIAL = QUICK ? 20 : 1000;
const PARALLEL = QUICK ? 48 : 3000;
const WARM_UP = QUICK ? 16 : 200;
const IN_FLIGHT = 16;
const SECRET = 'bench secret & = + < ü\nline 2';

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  // `ots serve` from the sources, in its own process so the server's work is not timed with the client's.
  const cli = fileURLToPath(new URL('../cli/bin.ts', import.meta.url));
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { url: url.trim(), child };
}

type RoundTrip = () => Promise<void>;

function bareV2(pool: Pool): RoundTrip {
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'bench' };
  const body = JSON.stringify({ secret: { secret: SECRET } });
  const reveal = JSON.stringify({ continue: true });
  return async () => {
    const created = await pool.request({ path: '/api/v2/secret/conceal', method: 'POST', headers, body });
    const json = (await created.body.json()) as { record: { secret: { identifier: string } } };
    const key = json.record.secret.identifier;
    const revealed = await pool.request({
      path: `/api/v2/secret/${key}/reveal`,
      method: 'POST',
      headers,
      body: reveal,
    });
    const value = ((await revealed.body.json()) as { record: { secret_value: string } }).record.secret_value;
    if (value !== SECRET) throw new Error('bare v2: wrong value');
  };
}

function bareV1(pool: Pool): RoundTrip {
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': 'bench',
  };
  const body = new URLSearchParams({ secret: SECRET }).toString();
  return async () => {
    const created = await pool.request({ path: '/api/v1/share', method: 'POST', headers, body });
    const key = ((await created.body.json()) as { secret_key: string }).secret_key;
    const revealed = await pool.request({ path: `/api/v1/secret/${key}`, method: 'POST', headers, body: '' });
    if (((await revealed.body.json()) as { value: string }).value !== SECRET)
      throw new Error('bare v1: wrong value');
  };
}

function viaClient(client: OtsClient): RoundTrip {
  return async () => {
    const receipt = await client.share(SECRET);
    if ((await client.reveal(receipt.secretKey!)).value !== SECRET) throw new Error('client: wrong value');
  };
}

interface Rate {
  /** Round trips per second (wall clock). */
  perSecond: number;
  /** CPU time of this process per round trip, in microseconds: the client's own cost, whatever the machine load. */
  cpuMicros: number;
}

/** `total` round trips, `inFlight` at a time. */
async function measure(roundTrip: RoundTrip, total: number, inFlight: number): Promise<Rate> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await roundTrip();
    }
  };
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu);
  return { perSecond: total / seconds, cpuMicros: (used.user + used.system) / total };
}

function cell(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const { url, child } = await startServer();
try {
  console.log(`local OTS server ${url} (own process); ${ROUNDS} paired rounds, medians; rt = share + reveal`);
  console.log(
    'client/bare: throughput ratio (≥ 0.90 is within the 10 % budget); CPU: this process, µs per rt',
  );
  console.log('api  mode            bare rt/s   client rt/s   client/bare   bare CPU   client CPU');
  for (const version of ['v2', 'v1'] as const) {
    const pool = new Pool(url);
    const client = new OtsClient({ baseUrl: url, apiVersion: version });
    const bare = version === 'v2' ? bareV2(pool) : bareV1(pool);
    const ours = viaClient(client);
    for (const [label, total, inFlight] of [
      ['sequential', SEQUENTIAL, 1],
      [`${IN_FLIGHT} in flight`, PARALLEL, IN_FLIGHT],
    ] as const) {
      // Warm both paths (JIT, sockets), then alternate so drift hits both equally.
      await measure(bare, WARM_UP, inFlight);
      await measure(ours, WARM_UP, inFlight);
      const ratios: number[] = [];
      const bareRates: Rate[] = [];
      const clientRates: Rate[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which goes first, and compare within a round, so that load from elsewhere cancels out.
        const first = round % 2 === 0;
        const b = first ? await measure(bare, total, inFlight) : undefined;
        const c = await measure(ours, total, inFlight);
        const b2 = b ?? (await measure(bare, total, inFlight));
        bareRates.push(b2);
        clientRates.push(c);
        ratios.push(c.perSecond / b2.perSecond);
      }
      const perSecond = (rates: Rate[]) => median(rates.map((r) => r.perSecond));
      const cpu = (rates: Rate[]) => median(rates.map((r) => r.cpuMicros));
      const row = [
        `${version}   ${label.padEnd(14)}`,
        cell(perSecond(bareRates), 0, 10),
        cell(perSecond(clientRates), 0, 13),
        cell(median(ratios), 3, 13),
        cell(cpu(bareRates), 0, 10),
        cell(cpu(clientRates), 0, 12),
      ];
      console.log(row.join(' '));
    }
    await client.close();
    await pool.close();
  }
} finally {
  child.kill('SIGTERM');
}
