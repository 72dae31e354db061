import { parseArgs } from 'node:util';
import type { AccountPlan } from './accounts.ts';
import { startOtsServer } from './index.ts';

const HELP = `Usage: npm run ots-server -- [options]

A local Onetime Secret compatible server for development and tests.

Options:
  --port <n>                        port to listen on (default 7143; 0 = any free port)
  --host <addr>                     address to bind (default 127.0.0.1)
  --era <current|v0.23>             wire format to reproduce (default current)
  --account <user:token[:plan]>     an API account; plan is basic (default), identity or paid. Repeatable.
  --domain <domain>                 a registered custom share domain. Repeatable.
  --base-path <path>                serve under a path prefix, e.g. /ots
  --billing                         current era: TTL limits of main with billing on (onetimesecret.com:
                                    the account's plan, 14 days for basic). Default off, as self-hosted
                                    main: 30 days on v1, 365 days on v2 for any account.
  --request-log-size <n>            how many recent requests the server keeps in its log (default 10000)
  --help                            show this help

The first line printed is the base URL, once the server is listening. Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

const PLANS = new Set(['basic', 'identity', 'paid']);

function fail(message: string): never {
  process.stderr.write(`ots-server: ${message}\n\n${HELP}\n`);
  process.exit(2);
}

function parseAccount(spec: string) {
  const first = spec.indexOf(':');
  if (first <= 0) fail(`--account must be user:token[:plan], got "${spec.split(':')[0]}:…"`);
  const username = spec.slice(0, first);
  let apiToken = spec.slice(first + 1);
  let plan: AccountPlan | undefined;
  const last = apiToken.lastIndexOf(':');
  if (last >= 0 && PLANS.has(apiToken.slice(last + 1))) {
    plan = apiToken.slice(last + 1) as AccountPlan;
    apiToken = apiToken.slice(0, last);
  }
  if (apiToken === '') fail(`--account ${username}: the token is empty`);
  return { username, apiToken, ...(plan ? { plan } : {}) };
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  function parse() {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        era: { type: 'string' },
        account: { type: 'string', multiple: true },
        domain: { type: 'string', multiple: true },
        'base-path': { type: 'string' },
        billing: { type: 'boolean' },
        'request-log-size': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  }
  try {
    values = parse().values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const port = values.port === undefined ? 7143 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0-65535, got "${values.port}"`);
  const logSize = values['request-log-size'] === undefined ? undefined : Number(values['request-log-size']);
  if (logSize !== undefined && (!Number.isInteger(logSize) || logSize < 1))
    fail(`--request-log-size must be a whole number of at least 1, got "${values['request-log-size']}"`);
  const era = values.era ?? 'current';
  if (era !== 'current' && era !== 'v0.23') fail(`--era must be current or v0.23, got "${era}"`);

  const server = await startOtsServer({
    era,
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values['base-path'] ? { basePath: values['base-path'] } : {}),
    accounts: (values.account ?? []).map(parseAccount),
    domains: values.domain ?? [],
    clockMode: 'real',
    ...(values.billing ? { billing: true } : {}),
    ...(logSize === undefined ? {} : { requestLogSize: logSize }),
  });
  process.stdout.write(`${server.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ots-server: ${(error as Error).message}\n`);
  process.exit(1);
});
