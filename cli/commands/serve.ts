// ots serve: the local OTS-compatible server (server/, also `ots-handoff/server`) until SIGINT or SIGTERM, so a
// workflow, a Pulumi program or a script can be tested offline. The URL is stdout's first line, for `read url`.
import { isIP } from 'node:net';
import type { AccountOptions, AccountPlan, EraName } from '../../server/index.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';

const PLANS: ReadonlyArray<AccountPlan> = ['basic', 'identity', 'paid'];
const ERAS: ReadonlyArray<EraName> = ['current', 'v0.23'];
const DEFAULT_PORT = 7143;

export const serve: Command = {
  name: 'serve',
  summary: 'run a local Onetime Secret compatible server for offline tests',
  usage: '[options]',
  description: [
    'Starts the local OTS server (the one this project tests against: two wire formats, v0.23 and current',
    'upstream main) and prints its base URL as the first line of stdout once it is listening; with --json,',
    'that line is {"url", "port", "era"}. Notes go to stderr. It runs until SIGINT (Ctrl-C) or SIGTERM and then',
    'exits 0. The clock follows wall time. It is a test double: plain HTTP, secrets in memory, no e-mail;',
    'it listens on 127.0.0.1 unless --host says otherwise, and warns when that is not a loopback address.',
    'Point a client at it with --base-url URL / OTS_BASE_URL=URL (plain HTTP to loopback needs no flag).',
  ].join('\n'),
  connects: false,
  positionals: { min: 0, max: 0 },
  options: {
    port: {
      type: 'string',
      value: 'N',
      help: `port to listen on (default ${DEFAULT_PORT}; 0 = any free port, read the URL)`,
    },
    host: { type: 'string', value: 'ADDR', help: 'address to bind (default 127.0.0.1)' },
    era: {
      type: 'string',
      value: 'ERA',
      help: 'wire format: current (upstream main, default) or v0.23 (release v0.23.6)',
    },
    account: {
      type: 'string',
      multiple: true,
      value: 'USER:TOKEN[:PLAN]',
      help: 'an API account; PLAN is basic (default), identity or paid. Repeatable',
    },
    domain: {
      type: 'string',
      multiple: true,
      value: 'DOMAIN',
      help: 'a registered custom share domain. Repeatable',
    },
    'base-path': { type: 'string', value: 'PATH', help: 'serve under a path prefix, e.g. /ots' },
    billing: {
      type: 'boolean',
      help: "current era: cap TTLs by the account's plan like onetimesecret.com (default: self-hosted limits)",
    },
    'request-log-size': {
      type: 'string',
      value: 'N',
      help: 'how many recent requests the server keeps in memory (default 10000)',
    },
  },
  async run(context) {
    const { values, io } = context;
    const port = parsePort(values.port);
    const era = parseEra(values.era);
    const requestLogSize = parseLogSize(values['request-log-size']);
    const accounts = list(values.account).map(parseAccount);
    for (const account of accounts) context.sensitive.add(account.apiToken);
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    if (host === '') throw new CliError('--host: needs an address, e.g. 127.0.0.1.', 'invalid_input');

    // Loaded here, not at the top: every other command starts without the server's code.
    const { startOtsServer } = await import('../../server/index.ts');
    const server = await startOtsServer({
      era,
      port,
      host,
      accounts,
      domains: list(values.domain),
      ...(typeof values['base-path'] === 'string' ? { basePath: values['base-path'] } : {}),
      ...(values.billing === true ? { billing: true } : {}),
      ...(requestLogSize === undefined ? {} : { requestLogSize }),
      clockMode: 'real',
    }).catch((error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is in use' : (error.code ?? error.message);
      throw new CliError(`cannot listen on ${host} port ${port}: ${reason}.`, 'network');
    });

    // Listen for the stop signals before the URL is out: a script that reads the URL and stops the server at
    // once must get a clean shutdown, and the warning must be on stderr before anyone can act on the URL.
    const stopped = untilSignal();
    if (!isLoopback(host)) {
      context.note(
        `warning: listening on ${host}, not a loopback address: anyone who can reach it can read the secrets stored here.`,
      );
    }
    // One line either way: a script reads the first line and has the URL.
    const first =
      values.json === true
        ? JSON.stringify({ url: server.url, port: server.port, era: server.era })
        : server.url;
    io.stdout.write(`${first}\n`);
    const names = accounts.map((a) => a.username).join(', ');
    context.note(
      `Local OTS server (${server.era} era${names === '' ? '' : `, accounts: ${names}`}) ready; stop it with Ctrl-C.`,
    );

    await stopped;
    await server.close();
    return 0;
  },
};

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function list(value: string | string[] | boolean | undefined): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

function parsePort(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port <= 65535)) throw new CliError(`--port: must be 0 to 65535, got "${value}".`, 'invalid_input');
  return port;
}

function parseEra(value: unknown): EraName {
  if (value === undefined) return 'current';
  const era = ERAS.find((e) => e === value);
  if (era === undefined)
    throw new CliError(`--era: must be current or v0.23, got "${value}".`, 'invalid_input');
  return era;
}

function parseLogSize(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const size = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0;
  if (size < 1) {
    throw new CliError(
      `--request-log-size: must be a whole number of at least 1, got "${value}".`,
      'invalid_input',
    );
  }
  return size;
}

/** USER:TOKEN[:PLAN]; the token may itself hold colons. Errors name the user, never the token. */
function parseAccount(spec: string): AccountOptions {
  const first = spec.indexOf(':');
  if (first <= 0) {
    throw new CliError('--account: must be USER:TOKEN[:PLAN], e.g. me@example.com:TOKEN.', 'invalid_input');
  }
  const username = spec.slice(0, first);
  let apiToken = spec.slice(first + 1);
  let plan: AccountPlan | undefined;
  const last = apiToken.lastIndexOf(':');
  const suffix = apiToken.slice(last + 1);
  if (last >= 0 && PLANS.some((p) => p === suffix)) {
    plan = suffix as AccountPlan;
    apiToken = apiToken.slice(0, last);
  }
  if (apiToken === '') throw new CliError(`--account ${username}: the token is empty.`, 'invalid_input');
  return { username, apiToken, ...(plan === undefined ? {} : { plan }) };
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6)
    return bare === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(bare) || bare.startsWith('::ffff:127.');
  return false;
}
