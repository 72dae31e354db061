import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalWorkspace } from '@pulumi/pulumi/automation/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import {
  type ConsumerProject,
  createConsumerProject,
  removePackedPackage,
} from './support/consumer-project.ts';

// `pulumi up` and `pulumi destroy` for real, through the Automation API with a file:// backend. It needs the
// Pulumi CLI, which cannot be installed on every machine (it is downloaded from get.pulumi.com, not npm): where
// `pulumi` is not on PATH the suite is skipped and says so. CI installs it with pulumi/actions.

const hasCli =
  spawnSync('pulumi', ['version'], { encoding: 'utf8', shell: process.platform === 'win32' }).status === 0;
if (!hasCli) {
  console.log(
    'test/pulumi/automation.test.ts: skipped, no `pulumi` CLI on PATH (install it to run up/destroy for real).',
  );
}

const USERNAME = 'deployer@example.com';
const TOKEN = 'tok-correct-horse-battery';
const DB_PASSWORD = 'db-admin-password-4f9x';

const PROGRAM = `'use strict';
const pulumi = require('@pulumi/pulumi');
const { OneTimeSecret } = require('ots-handoff/pulumi');
const config = new pulumi.Config();
const handoff = new OneTimeSecret('db-admin', { secret: config.requireSecret('dbPassword'), ttl: '1h' });
exports.link = handoff.secretUrl;
exports.state = handoff.state;
exports.secretKey = handoff.secretKey;
exports.receiptKey = handoff.receiptKey;
exports.receiptUrl = handoff.receiptUrl;
`;

describe.skipIf(!hasCli)('pulumi up and destroy through the Automation API', () => {
  let server: OtsServer;
  let project: ConsumerProject;
  let backend: string;

  beforeAll(async () => {
    server = await startOtsServer({ accounts: [{ username: USERNAME, apiToken: TOKEN }] });
    project = createConsumerProject('commonjs');
    project.write('Pulumi.yaml', 'name: ots-handoff-e2e\nruntime: nodejs\nmain: index.js\n');
    project.write('index.js', PROGRAM);
    backend = mkdtempSync(join(tmpdir(), 'ots-handoff-backend-'));
  });

  afterAll(async () => {
    project?.remove();
    removePackedPackage();
    if (backend) rmSync(backend, { recursive: true, force: true });
    await server?.close();
  });

  it('hands the secret over on up, keeps state encrypted, and burns the link on destroy', async () => {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: 'dev', workDir: project.dir },
      {
        envVars: {
          PULUMI_BACKEND_URL: pathToFileURL(backend).href,
          PULUMI_CONFIG_PASSPHRASE: 'e2e-passphrase',
          // The provider plugin runs `node` from PATH: make it the Node this suite runs on.
          PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        },
      },
    );
    await stack.setConfig('dbPassword', { value: DB_PASSWORD, secret: true });
    await stack.setConfig('ots-handoff:baseUrl', { value: server.url });
    await stack.setConfig('ots-handoff:username', { value: USERNAME });
    await stack.setConfig('ots-handoff:apiToken', { value: TOKEN, secret: true });

    const up = await stack.up();
    expect(up.outputs.state?.value).toBe('new');
    // Everything that reveals or burns the secret: the link, its key, and the receipt key and page.
    const handedOver = ['link', 'secretKey', 'receiptKey', 'receiptUrl'].map((name) => {
      expect(up.outputs[name]?.secret, name).toBe(true);
      const value = up.outputs[name]?.value as unknown;
      expect(typeof value === 'string' && value.length >= 8, name).toBe(true);
      return value as string;
    });
    const link = handedOver[0] as string;

    const state = JSON.stringify(await stack.exportStack());
    for (const clear of [DB_PASSWORD, TOKEN, ...handedOver]) expect(state).not.toContain(clear);

    await stack.destroy();
    const ots = new OtsClient({ baseUrl: server.url });
    await expect(ots.reveal(link)).rejects.toMatchObject({ code: 'not_found' });
    await ots.close();
    await stack.workspace.removeStack('dev');
  }, 300_000);
});
