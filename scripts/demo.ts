// `npm run demo`: the main job end to end, offline. Starts the local OTS server on a free loopback port (or
// uses --base-url), runs the committed action bundle the way a runner does to share a generated credential,
// then plays the recipient: opens the link once (the value appears), again (gone), and shows the receipt;
// finally shares and burns a second secret. The demo prints the link and value on purpose: it is a demo
// against a throwaway server. A real workflow never does (the action masks them).
import { parseArgs, styleText } from 'node:util';
import { isOtsError, OtsClient } from '../core/index.ts';
import { startOtsServer } from '../server/index.ts';
import { type ActionRun, installAction, leaks, runAction } from '../test/action/support/action-runner.ts';

const usage = `Usage: npm run demo [-- --base-url URL]

Runs the action bundle (dist/index.js) like a GitHub runner would, then opens the one-time link as its
recipient would. Without --base-url it starts a local Onetime Secret server on 127.0.0.1 (offline).

Options:
  --base-url URL   Use this Onetime Secret server instead (e.g. https://eu.onetimesecret.com).
                   Credentials, if any, come from OTS_USERNAME and OTS_API_TOKEN.
  -h, --help       Show this help.`;

const { values } = parseArgs({
  options: { 'base-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const paint = (format: Parameters<typeof styleText>[0], text: string) => styleText(format, text);
const step = (n: number, text: string) =>
  console.log(`\n${paint(['bold', 'cyan'], `${n}.`)} ${paint('bold', text)}`);
const show = (label: string, value: string) => console.log(`   ${paint('dim', label.padEnd(12))} ${value}`);
const ok = (text: string) => console.log(`   ${paint('green', '✔')} ${text}`);

function fail(message: string): never {
  console.error(`\n${paint('red', '✘')} ${message}`);
  process.exit(1);
}

function expectSuccess(run: ActionRun, what: string): Record<string, string> {
  if (run.code !== 0) {
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    fail(`the action failed to ${what} (exit ${run.code}):\n${errors.join('\n') || run.stderr}`);
  }
  return run.outputs;
}

const server = values['base-url'] ? undefined : await startOtsServer({ clockMode: 'real' });
const baseUrl = values['base-url'] ?? server!.url;
const credentials: Record<string, string> = {};
if (process.env.OTS_USERNAME) credentials.username = process.env.OTS_USERNAME;
if (process.env.OTS_API_TOKEN) credentials['api-token'] = process.env.OTS_API_TOKEN;
const client = new OtsClient({ baseUrl, username: credentials.username, apiToken: credentials['api-token'] });
const actionDir = installAction();

try {
  console.log(paint('bold', 'ots-handoff demo'));
  show('server', server ? `${baseUrl} ${paint('dim', '(local, offline)')}` : baseUrl);

  step(1, 'A workflow step generates a database password and shares it (dist/index.js, as a runner runs it)');
  const shareRun = await runAction(actionDir, {
    inputs: { generate: 'true', length: '20', ttl: '1h', 'base-url': baseUrl, ...credentials },
  });
  const shared = expectSuccess(shareRun, 'share a generated credential');
  show('link', paint('underline', shared['secret-url'] ?? ''));
  show('state', shared.state ?? '');
  show('expires at', `${shared['expires-at']} (ttl ${shared.ttl} s)`);
  const sensitive = ['value', 'secret-url', 'secret-key', 'receipt-key', 'receipt-url'].map(
    (name) => shared[name] ?? '',
  );
  const found = leaks(shareRun, sensitive);
  if (found.length > 0) fail(`the action log exposed a sensitive value:\n${found.join('\n')}`);
  ok('the action masked the link, keys and value before printing anything (the log shows ***)');

  step(2, 'The on-call engineer opens the link');
  const revealed = await client.reveal(shared['secret-url'] ?? '');
  show('value', paint(['bold', 'yellow'], revealed.value));
  if (revealed.value !== shared.value) fail('the revealed value differs from the generated one');
  ok('same value as the action generated');

  step(3, 'Someone opens the link again');
  try {
    await client.reveal(shared['secret-url'] ?? '');
    fail('the link worked twice');
  } catch (error) {
    if (!isOtsError(error) || error.code !== 'not_found') throw error;
    ok(`gone: ${paint('dim', error.message)}`);
  }

  step(4, 'The receipt shows it was received');
  const afterReveal = await client.receipt(shared['receipt-key'] ?? '');
  show('state', paint('green', afterReveal.state));

  step(5, 'A second secret is shared, then burned before anyone opens it');
  const second = expectSuccess(
    await runAction(actionDir, {
      inputs: { secret: 'demo-api-key-4f9c2e', ttl: '15m', 'base-url': baseUrl, ...credentials },
    }),
    'share a secret',
  );
  const burned = expectSuccess(
    await runAction(actionDir, {
      inputs: {
        operation: 'burn',
        'receipt-key': second['receipt-key'] ?? '',
        'base-url': baseUrl,
        ...credentials,
      },
    }),
    'burn the secret',
  );
  show('state', paint('red', burned.state ?? ''));
  try {
    await client.reveal(second['secret-url'] ?? '');
    fail('a burned link still opened');
  } catch (error) {
    if (!isOtsError(error) || error.code !== 'not_found') throw error;
    ok('the burned link opens nothing');
  }

  console.log(`\n${paint(['bold', 'green'], 'Done.')} Use it in a workflow: see docs/action.md.`);
} finally {
  await client.close();
  await server?.close();
}
