// Drives the real dynamic-provider plugin of @pulumi/pulumi (cmd/dynamic-provider, what `pulumi-resource-pulumi-nodejs`
// starts) over gRPC, the way the engine does: a separate Node process in the project's directory that rebuilds the
// provider from the `__provider` text with require-from-string, configures it with the stack config, and turns
// every call into protobuf Structs (which reject undefined values and Dates). No Pulumi CLI needed.
import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './built-package.ts';
import { childEnv } from './child-env.ts';

// The real path: pnpm links @pulumi/pulumi from its store, where its own dependencies sit beside it.
const pulumiRoot = realpathSync(join(REPO_ROOT, 'node_modules', '@pulumi', 'pulumi'));
const fromPulumi = createRequire(join(pulumiRoot, 'package.json'));
const grpc = fromPulumi('@grpc/grpc-js');
const { Struct } = fromPulumi('google-protobuf/google/protobuf/struct_pb');
const proto = fromPulumi('./proto/provider_pb');
const { ResourceProviderClient } = fromPulumi('./proto/provider_grpc_pb');

type Props = Record<string, unknown>;
type Callback = (error: Error | null, response: unknown) => void;

export interface ProviderPlugin {
  configure(config: Record<string, string>): Promise<void>;
  check(
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
  create(properties: Props): Promise<{ id: string; properties: Props }>;
  read(id: string, properties: Props): Promise<{ id: string; properties: Props }>;
  diff(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: 'unknown' | 'none' | 'some'; replaces: string[] }>;
  update(id: string, olds: Props, news: Props): Promise<Props>;
  delete(id: string, properties: Props): Promise<void>;
  /** What the plugin wrote to stderr so far (the engine shows it to the user). */
  stderr(): string;
  close(): void;
}

const URN = 'urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/ots-handoff:OneTimeSecret::db-admin';

export async function startProviderPlugin(cwd: string, env: Record<string, string>): Promise<ProviderPlugin> {
  const child = spawn(
    process.execPath,
    [join(pulumiRoot, 'cmd', 'dynamic-provider', 'index.js'), '127.0.0.1:0'],
    {
      cwd,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await firstLine(child, () => stderr);
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  const call = <T>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      (client[method] as (request: unknown, callback: Callback) => void).call(
        client,
        request,
        (error, response) => (error ? reject(new Error(error.message)) : resolve(response as T)),
      );
    });
  const struct = (value: Props) => Struct.fromJavaScript(value);

  return {
    async configure(config) {
      const request = new proto.ConfigureRequest();
      request.setArgs(struct(config));
      await call('configure', request);
    },
    async check(olds, news) {
      const request = new proto.CheckRequest();
      request.setUrn(URN);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const response = await call<CheckResponse>('check', request);
      return {
        inputs: response.getInputs().toJavaScript(),
        failures: response
          .getFailuresList()
          .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async create(properties) {
      const request = new proto.CreateRequest();
      request.setUrn(URN);
      request.setProperties(struct(properties));
      const response = await call<IdAndProperties>('create', request);
      return { id: response.getId(), properties: response.getProperties().toJavaScript() };
    },
    async read(id, properties) {
      const request = new proto.ReadRequest();
      request.setId(id);
      request.setUrn(URN);
      request.setProperties(struct(properties));
      const response = await call<IdAndProperties>('read', request);
      return { id: response.getId(), properties: response.getProperties().toJavaScript() };
    },
    async diff(id, olds, news) {
      const request = new proto.DiffRequest();
      request.setId(id);
      request.setUrn(URN);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const response = await call<DiffResponse>('diff', request);
      const changes = (['unknown', 'none', 'some'] as const)[response.getChanges()] ?? 'unknown';
      return { changes, replaces: response.getReplacesList() };
    },
    async update(id, olds, news) {
      const request = new proto.UpdateRequest();
      request.setId(id);
      request.setUrn(URN);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      return (await call<IdAndProperties>('update', request)).getProperties().toJavaScript();
    },
    async delete(id, properties) {
      const request = new proto.DeleteRequest();
      request.setId(id);
      request.setUrn(URN);
      request.setProperties(struct(properties));
      await call('delete', request);
    },
    stderr: () => stderr,
    close() {
      client.close();
      child.kill();
    },
  };
}

interface Struct {
  toJavaScript(): Props;
}
interface CheckResponse {
  getInputs(): Struct;
  getFailuresList(): Array<{ getProperty(): string; getReason(): string }>;
}
interface IdAndProperties {
  getId(): string;
  getProperties(): Struct;
}
interface DiffResponse {
  getChanges(): number;
  getReplacesList(): string[];
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(stdout.slice(0, newline).trim());
    });
    child.once('exit', (code) =>
      reject(new Error(`provider plugin exited (${code}) before listening: ${stderr()}`)),
    );
  });
}
