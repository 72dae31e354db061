import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { childEnv } from './support/child-env.ts';
import { type Capture, consumerProgram } from './support/consumer-program.ts';
import {
  type ConsumerProject,
  createConsumerProject,
  removePackedPackage,
} from './support/consumer-project.ts';
import { isWireSecret } from './support/mock-engine.ts';
import { type ProviderPlugin, startProviderPlugin } from './support/provider-plugin.ts';

// What `pulumi up` and a later `pulumi destroy` do with the provider, without the CLI: a user's program (CommonJS
// and ESM) registers the resource and the serialized provider is captured exactly as the engine would store it;
// then the real dynamic-provider plugin of @pulumi/pulumi rebuilds it in a separate process, from another project
// directory, and runs it against the local OTS server.

const USERNAME = 'deployer@example.com';
const TOKEN = 'tok-correct-horse-battery';
const SECRET = 'db-admin-password-4f9x';
const PASSPHRASE = 'open-sesame-42';

/** What the engine hands a provider that does not accept secrets: the wire markers stripped. */
function engineView(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => [key, isWireSecret(value) ? value.value : value]),
  );
}

describe.each(['commonjs', 'module'] as const)('a %s Pulumi program', (type) => {
  let server: OtsServer;
  let program: ConsumerProject;
  let elsewhere: ConsumerProject;
  let capture: Capture;
  let inputs: Record<string, unknown>;
  const plugins: ProviderPlugin[] = [];

  beforeAll(async () => {
    server = await startOtsServer({ accounts: [{ username: USERNAME, apiToken: TOKEN }] });
    program = createConsumerProject(type);
    elsewhere = createConsumerProject(type === 'commonjs' ? 'module' : 'commonjs');
    program.write('index.js', consumerProgram(type));
    const captureFile = join(program.dir, 'capture.json');
    execFileSync(process.execPath, ['index.js'], {
      cwd: program.dir,
      // The shell a user runs `pulumi up` from: credentials in the environment must not end up in state.
      env: childEnv({
        CAPTURE_FILE: captureFile,
        DB_PASSWORD: SECRET,
        HANDOFF_PASSPHRASE: PASSPHRASE,
        OTS_BASE_URL: server.url,
        OTS_USERNAME: USERNAME,
        OTS_API_TOKEN: TOKEN,
      }),
    });
    capture = JSON.parse(readFileSync(captureFile, 'utf8')) as Capture;
    const registration = capture.registrations[0];
    if (registration === undefined) throw new Error('the program registered nothing');
    inputs = registration.inputs;
  });

  afterAll(async () => {
    for (const plugin of plugins) plugin.close();
    program?.remove();
    elsewhere?.remove();
    removePackedPackage();
    await server?.close();
  });

  async function plugin(cwd: string, env: Record<string, string> = {}): Promise<ProviderPlugin> {
    const started = await startProviderPlugin(cwd, env);
    plugins.push(started);
    return started;
  }

  // One plugin process for the anonymous cases, as the engine keeps one per provider for a whole run.
  let anonymousPlugin: Promise<ProviderPlugin> | undefined;
  function sharedPlugin(): Promise<ProviderPlugin> {
    anonymousPlugin ??= plugin(elsewhere.dir, { OTS_BASE_URL: server.url }).then(async (started) => {
      await started.configure({});
      return started;
    });
    return anonymousPlugin;
  }

  it('loads the build its module system asks for through the package exports', () => {
    const expected = type === 'commonjs' ? 'lib/cjs/pulumi/index.js' : 'lib/pulumi/index.js';
    expect(capture.resolved.replaceAll('\\', '/')).toMatch(
      new RegExp(`/node_modules/ots-handoff/${expected}$`),
    );
    expect(capture.outputs).toMatchObject({
      secretUrl: 'https://ots.example/secret/mocked',
      state: 'new',
      ttl: 3600,
    });
  });

  it('sends the secret and passphrase wrapped as secrets', () => {
    expect(isWireSecret(inputs.secret)).toBe(true);
    expect(isWireSecret(inputs.passphrase)).toBe(true);
  });

  it('stores provider code that is small, loads the implementation by package name and holds no secret', () => {
    const text = inputs.__provider as string;
    expect(text).toContain("'ots-handoff/pulumi/provider'");
    for (const leaked of [SECRET, PASSPHRASE, TOKEN, USERNAME, server.url, program.dir]) {
      expect(text).not.toContain(leaked);
    }
    // Nothing inlined by value: no client, no undici, no Pulumi SDK.
    expect(text).not.toMatch(/OtsClient|undici|grpc/);
    expect(text.length).toBeLessThan(10_000);
  });

  it('runs configure, check, create, read, diff and delete in the provider plugin from another directory', async () => {
    const up = await plugin(elsewhere.dir);
    await up.configure({
      'ots-handoff:baseUrl': server.url,
      'ots-handoff:username': USERNAME,
      'ots-handoff:apiToken': TOKEN,
    });
    const news = engineView(inputs);
    const checked = await up.check({}, news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toMatchObject({ ttl: 3600, __provider: inputs.__provider });

    const created = await up.create(checked.inputs);
    const state = created.properties;
    expect(state.__provider).toBe(inputs.__provider);
    expect(state).toMatchObject({ state: 'new', ttl: 3600, baseUrl: server.url });
    expect(server.requests.some((request) => request.method === 'POST' && request.hasAuth)).toBe(true);

    const refreshed = await up.read(created.id, state);
    expect(refreshed).toEqual({ id: created.id, properties: state });
    expect(await up.diff(created.id, state, checked.inputs)).toEqual({ changes: 'none', replaces: [] });
    expect(await up.diff(created.id, state, { ...checked.inputs, secret: 'rotated' })).toEqual({
      changes: 'some',
      replaces: ['secret'],
    });

    // destroy, later: a fresh plugin process, no stack config at all, credentials only in the environment.
    const destroy = await plugin(program.dir, {
      OTS_BASE_URL: server.url,
      OTS_USERNAME: USERNAME,
      OTS_API_TOKEN: TOKEN,
    });
    await destroy.configure({});
    await destroy.delete(created.id, state);
    const ots = new OtsClient({ baseUrl: server.url });
    await expect(ots.reveal(state.secretUrl as string, { passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'not_found',
    });
    await ots.close();
  });

  it('updates in place, keeping the link, when only the provider version changed', async () => {
    const up = await sharedPlugin();
    // Anonymous this time (no credentials), so without the recipient, which needs an account.
    const { recipient: _, ...anonymous } = engineView(inputs);
    const checked = await up.check({}, anonymous);
    const created = await up.create(checked.inputs);
    const news = { ...checked.inputs, providerVersion: 'next' };
    expect(await up.diff(created.id, created.properties, news)).toEqual({ changes: 'some', replaces: [] });
    const updated = await up.update(created.id, created.properties, news);
    expect(updated).toEqual({ ...created.properties, providerVersion: 'next' });
    await up.delete(created.id, updated);
  });

  it('reports a clamped TTL in the warnings output and on the stderr the engine relays', async () => {
    const up = await sharedPlugin();
    const { recipient: _, ...anonymous } = engineView(inputs);
    const checked = await up.check({}, { ...anonymous, ttl: '30d' });
    const created = await up.create(checked.inputs);
    expect(created.properties.ttl).toBe(7 * 86_400);
    expect(created.properties.warnings).toEqual([
      expect.stringMatching(/^ttl: asked for 30d \(2592000 s\), the server granted 7d \(604800 s\)/),
    ]);
    // stderr and the gRPC answer travel on different pipes: wait for the line rather than assume an order.
    await vi.waitFor(() =>
      expect(up.stderr()).toMatch(/warning: ots-handoff: ttl: asked for 30d \(2592000 s\)/),
    );
    await up.delete(created.id, created.properties);
  });

  it('rejects bad inputs at check, naming them, before any request reaches OTS', async () => {
    const up = await sharedPlugin();
    const before = server.requests.length;
    const checked = await up.check({}, { ...engineView(inputs), generate: true, ttl: '3 days' });
    expect(checked.failures).toEqual([
      { property: 'secret', reason: 'set either secret or generate: true, not both' },
      { property: 'ttl', reason: expect.stringMatching(/^ttl: "3 days" is not a valid TTL/) },
    ]);
    expect(JSON.stringify(checked.failures)).not.toContain(SECRET);
    expect(server.requests.length).toBe(before);
  });

  it('fails clearly, and only at run time, when ots-handoff is not installed where the plugin runs', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ots-handoff-empty-'));
    try {
      const bare = await plugin(empty);
      await bare.configure({});
      await expect(bare.check({}, engineView(inputs))).rejects.toThrow(
        /cannot load ots-handoff\/pulumi\/provider from .*\(Cannot find .*\)\. Install ots-handoff \(npm install ots-handoff\)/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
