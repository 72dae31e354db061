// `npm run test:live -- --base-url URL`: what a maintainer runs before a release. Takes the client, the action bundle
// (dist/index.js, as built locally) and the Pulumi provider each through share → receipt → reveal → burn →
// burn-again against a real Onetime Secret server (onetimesecret.com regions or self-hosted), prints a table of what
// held and exits non-zero if anything did not. Credentials, if any, come from OTS_USERNAME and OTS_API_TOKEN.
// Nothing secret is printed: no values, keys or links, only states and the (already redacted) error messages.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isOtsError, OtsClient, type OtsClientOptions } from '../core/index.ts';
import { check, create, read, remove } from '../pulumi/provider/index.ts';
import type { SecretOutputs } from '../pulumi/provider/props.ts';
import { type ActionRun, commands, installAction, runAction } from '../test/action/support/action-runner.ts';

const usage = `Usage: npm run test:live -- --base-url URL [--api-version auto|v2|v1]

Runs the client, the action bundle (dist/index.js; build it with npm run build:action) and the Pulumi provider
through share → receipt → reveal → burn → burn-again against the Onetime Secret server at URL, and prints a table
of what held. Exits 1 if anything did not. Credentials, if any, come from OTS_USERNAME and OTS_API_TOKEN.`;

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'api-version': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || values['base-url'] === undefined) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
const baseUrl = values['base-url'];
const apiVersion = (values['api-version'] ?? 'auto') as NonNullable<OtsClientOptions['apiVersion']>;
const username = process.env.OTS_USERNAME?.trim() || undefined;
const apiToken = process.env.OTS_API_TOKEN?.trim() || undefined;

interface Row {
  surface: string;
  step: string;
  held: boolean;
  detail: string;
}
const rows: Row[] = [];

/** Runs the steps of one surface in order; after the first that fails, the rest are reported as not run. */
async function surface(name: string, steps: Array<[string, () => Promise<string>]>): Promise<void> {
  let broken: string | undefined;
  for (const [step, run] of steps) {
    if (broken !== undefined) {
      rows.push({ surface: name, step, held: false, detail: `not run: "${broken}" failed` });
      continue;
    }
    try {
      rows.push({ surface: name, step, held: true, detail: await run() });
    } catch (error) {
      broken = step;
      rows.push({ surface: name, step, held: false, detail: describe(error) });
    }
  }
}

function describe(error: unknown): string {
  if (isOtsError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

const credentials = username === undefined ? {} : { username, apiToken };
const client = new OtsClient({ baseUrl, apiVersion, ...credentials });
const value = () => `ots-handoff live check ${randomBytes(12).toString('hex')}`;

async function revealsTo(link: string | undefined, expected: string): Promise<void> {
  expect(link !== undefined && link !== '', 'no secret link');
  const revealed = await client.reveal(link as string);
  expect(revealed.value === expected, 'the revealed value differs from the shared one');
}

async function revealFails(link: string | undefined): Promise<void> {
  try {
    await client.reveal(link as string);
  } catch (error) {
    if (isOtsError(error) && error.code === 'not_found') return;
    throw error;
  }
  throw new Error('the burned secret could still be revealed');
}

// ─── The client ───────────────────────────────────────────────────────────────────────────────────────────────────
async function clientChecks(): Promise<void> {
  const toReveal = value();
  const toBurn = value();
  let a: Awaited<ReturnType<OtsClient['share']>> | undefined;
  let b: Awaited<ReturnType<OtsClient['share']>> | undefined;
  await surface('client', [
    [
      'share',
      async () => {
        a = await client.share(toReveal, { ttl: 600 });
        b = await client.share(toBurn, { ttl: 600 });
        expect(a.state === 'new' && a.secretUrl !== undefined, `state ${a.state}, or no link`);
        return `state ${a.state}, ttl ${a.ttl}, api ${client.apiVersion}`;
      },
    ],
    [
      'receipt',
      async () => {
        const receipt = await client.receipt(a?.receiptKey as string);
        expect(['new', 'viewed'].includes(receipt.state), `state ${receipt.state}`);
        expect(receipt.receiptUrl === a?.receiptUrl, 'the receipt link differs from the one share returned');
        return `state ${receipt.state}`;
      },
    ],
    [
      'reveal',
      async () => {
        await revealsTo(a?.secretUrl, toReveal);
        const after = await client.receipt(a?.receiptKey as string);
        expect(after.state === 'received', `receipt says ${after.state} after the reveal`);
        return 'value matches; receipt says received';
      },
    ],
    [
      'burn',
      async () => {
        const burned = await client.burn(b?.receiptKey as string);
        expect(
          burned.state === 'burned' && burned.burnedNow,
          `state ${burned.state}, burnedNow ${burned.burnedNow}`,
        );
        await revealFails(b?.secretUrl);
        return 'state burned, burnedNow true; the link is dead';
      },
    ],
    [
      'burn-again',
      async () => {
        const again = await client.burn(b?.receiptKey as string);
        expect(
          again.state === 'burned' && !again.burnedNow,
          `state ${again.state}, burnedNow ${again.burnedNow}`,
        );
        const revealed = await client.burn(a?.receiptKey as string);
        expect(revealed.state === 'received' && !revealed.burnedNow, `after reveal: state ${revealed.state}`);
        return 'no error: burned (and received) with burnedNow false';
      },
    ],
  ]);
}

// ─── The action bundle ────────────────────────────────────────────────────────────────────────────────────────────
async function actionChecks(): Promise<void> {
  const bundle = new URL('../dist/index.js', import.meta.url);
  if (!existsSync(bundle)) {
    rows.push({
      surface: 'action',
      step: 'share',
      held: false,
      detail: 'no dist/index.js: run npm run build:action',
    });
    return;
  }
  const dir = installAction();
  const inputs = {
    'base-url': baseUrl,
    'api-version': apiVersion,
    ...(username === undefined ? {} : { username, 'api-token': apiToken as string }),
  };
  const act = async (more: Record<string, string>): Promise<ActionRun> => {
    const run = await runAction(dir, { inputs: { ...inputs, ...more } });
    // `::error::` lines are the action's own messages, which never hold a secret; raw stdout would (add-mask).
    if (run.code !== 0) throw new Error(commands(run, 'error').join(' ') || `exit code ${run.code}`);
    return run;
  };
  const toReveal = value();
  let shared: ActionRun | undefined;
  let burnable: ActionRun | undefined;
  await surface('action', [
    [
      'share',
      async () => {
        shared = await act({ secret: toReveal, ttl: '10m' });
        burnable = await act({ secret: value(), ttl: '10m' });
        expect(shared.outputs.state === 'new', `state ${shared.outputs.state}`);
        return `state ${shared.outputs.state}, ttl ${shared.outputs.ttl}`;
      },
    ],
    [
      'receipt',
      async () => {
        const status = await act({
          operation: 'status',
          'receipt-key': shared?.outputs['receipt-key'] ?? '',
        });
        expect(['new', 'viewed'].includes(status.outputs.state ?? ''), `state ${status.outputs.state}`);
        return `operation status: state ${status.outputs.state}`;
      },
    ],
    [
      'reveal',
      async () => {
        await revealsTo(shared?.outputs['secret-url'], toReveal);
        const status = await act({
          operation: 'status',
          'receipt-key': shared?.outputs['receipt-key'] ?? '',
        });
        expect(status.outputs.state === 'received', `status says ${status.outputs.state} after the reveal`);
        return 'value matches; operation status says received';
      },
    ],
    [
      'burn',
      async () => {
        const run = await act({ operation: 'burn', 'receipt-key': burnable?.outputs['receipt-key'] ?? '' });
        expect(run.outputs.state === 'burned', `state ${run.outputs.state}`);
        await revealFails(burnable?.outputs['secret-url']);
        return 'operation burn: state burned; the link is dead';
      },
    ],
    [
      'burn-again',
      async () => {
        const run = await act({ operation: 'burn', 'receipt-key': burnable?.outputs['receipt-key'] ?? '' });
        expect(run.outputs.state === 'burned', `state ${run.outputs.state}`);
        expect(
          commands(run, 'notice').some((line) => /Nothing to burn/.test(line)),
          'no "Nothing to burn" notice',
        );
        return 'exit 0 with a "Nothing to burn" notice, state burned';
      },
    ],
  ]);
}

// ─── The Pulumi provider (the implementation the provider process runs) ───────────────────────────────────────────
async function pulumiChecks(): Promise<void> {
  const env: Record<string, string> = { OTS_BASE_URL: baseUrl, OTS_API_VERSION: apiVersion };
  if (username !== undefined) Object.assign(env, { OTS_USERNAME: username, OTS_API_TOKEN: apiToken });
  const context = { env };
  const make = async (secret: string) => {
    const checked = await check({}, { providerVersion: '1', secret, ttl: '10m' });
    if (checked.failures?.length) throw new Error(checked.failures.map((f) => f.reason).join('; '));
    const created = await create(checked.inputs as Record<string, unknown>, context);
    return { id: created.id, outs: created.outs as SecretOutputs };
  };
  const toReveal = value();
  let a: { id: string; outs: SecretOutputs } | undefined;
  let b: { id: string; outs: SecretOutputs } | undefined;
  const refreshed = async (r: { id: string; outs: SecretOutputs } | undefined) =>
    (await read(r?.id as string, { ...r?.outs }, context)).props?.state;
  await surface('pulumi', [
    [
      'share',
      async () => {
        a = await make(toReveal);
        b = await make(value());
        expect(a.outs.state === 'new', `state ${a.outs.state}`);
        return `create: state ${a.outs.state}, ttl ${a.outs.ttl}`;
      },
    ],
    [
      'receipt',
      async () => {
        const state = await refreshed(a);
        expect(state === 'new' || state === 'viewed', `refresh says ${state}`);
        return `refresh: state ${state}`;
      },
    ],
    [
      'reveal',
      async () => {
        await revealsTo(a?.outs.secretUrl, toReveal);
        const state = await refreshed(a);
        expect(state === 'received', `refresh says ${state} after the reveal`);
        return 'value matches; refresh says received';
      },
    ],
    [
      'burn',
      async () => {
        await remove(b?.id as string, { ...b?.outs }, context);
        await revealFails(b?.outs.secretUrl);
        const state = await refreshed(b);
        expect(state === 'burned', `refresh says ${state}`);
        return 'delete: the link is dead, refresh says burned';
      },
    ],
    [
      'burn-again',
      async () => {
        await remove(b?.id as string, { ...b?.outs }, context);
        await remove(a?.id as string, { ...a?.outs }, context);
        const state = await refreshed(b);
        expect(state === 'burned', `refresh says ${state}`);
        return 'delete again (and delete of the revealed one): no error';
      },
    ],
  ]);
}

try {
  await clientChecks();
  await actionChecks();
  await pulumiChecks();
} finally {
  await client.close();
}

const widths = [7, 10, 5];
const line = (cells: string[]) =>
  cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] as number) : cell)).join('  ');
console.log(
  `Live check against ${new URL(baseUrl).origin} (api ${apiVersion}, ${username ? 'account' : 'anonymous'})\n`,
);
console.log(line(['surface', 'step', 'held', 'detail']));
for (const row of rows) console.log(line([row.surface, row.step, row.held ? 'yes' : 'NO', row.detail]));
const failed = rows.filter((row) => !row.held).length;
console.log(
  failed === 0 ? `\nAll ${rows.length} checks held.` : `\n${failed} of ${rows.length} checks did not hold.`,
);
process.exit(failed === 0 ? 0 : 1);
