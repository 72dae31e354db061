// The command as a user gets it: `npm install` of the tarball `npm pack` makes, then the `ots` and `ots-handoff`
// links npm creates in node_modules/.bin (shebang, executable bit, only published files), and `npm exec`.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { packedPackage, removePackedPackage } from '../pulumi/support/consumer-project.ts';
import { assertCliBuilt, cleanEnv, json, runOts } from './support/ots.ts';

const windows = process.platform === 'win32';

describe('ots from the packed package', () => {
  let project: string;
  let server: OtsServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    assertCliBuilt();
    const tarball = packedPackage();
    project = mkdtempSync(join(tmpdir(), 'ots-handoff-cli-consumer-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "cli-consumer", "private": true }\n');
    // The shebang runs `node` from PATH: the Node running the tests comes first.
    env = cleanEnv({ PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` });
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--ignore-scripts',
        tarball,
      ],
      { cwd: project, env, stdio: 'ignore', shell: windows },
    );
    server = await startOtsServer();
    env.OTS_BASE_URL = server.url;
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    if (project !== undefined) rmSync(project, { recursive: true, force: true });
    removePackedPackage();
  });

  it('node_modules/.bin/ots shares and node_modules/.bin/ots-handoff reveals, byte for byte', async () => {
    // Windows links .cmd shims that only a shell can start; there the built file is run directly.
    const bin = (name: string) =>
      windows
        ? [process.execPath, join(project, 'node_modules', 'ots-handoff', 'lib', 'cli', 'bin.js')]
        : [join(project, 'node_modules', '.bin', name)];
    const value = 'from the tarball\nline 2 ✓\n';
    const shared = await runOts(['share'], { input: value, env, cwd: project, command: bin('ots') });
    expect([shared.code, shared.stderr]).toEqual([0, expect.stringContaining('Shared.')]);
    const got = await runOts(['get', shared.out.trim()], { env, cwd: project, command: bin('ots-handoff') });
    expect(got.out).toBe(value);
  });

  it('npm exec ots-handoff --help lists the commands (what `npx ots-handoff --help` runs)', () => {
    const help = execFileSync('npm', ['exec', '--no', '--', 'ots-handoff', '--help'], {
      cwd: project,
      env,
      encoding: 'utf8',
      shell: windows,
    });
    for (const command of COMMANDS) expect(help).toContain(`\n  ${command.name}`);
  });

  it('node_modules/.bin/ots serve prints its URL first, serves the packed ots, and exits 0 on SIGTERM', async () => {
    const serveBin = windows
      ? [process.execPath, join(project, 'node_modules', 'ots-handoff', 'lib', 'cli', 'bin.js')]
      : [join(project, 'node_modules', '.bin', 'ots')];
    const [file, ...prefix] = serveBin as [string, ...string[]];
    const child = spawn(file, [...prefix, 'serve', '--port', '0', '--era', 'v0.23'], {
      cwd: project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [url] = (await once(lines, 'line')) as [string];
      lines.close();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const offline = { ...env, OTS_BASE_URL: url };
      const shared = await runOts(['share', '--json'], {
        input: 'served',
        env: offline,
        cwd: project,
        command: serveBin,
      });
      expect(shared.code, shared.stderr).toBe(0);
      // v0.23's 31-character keys: the link comes from the server this package started.
      expect(json(shared).secretUrl).toMatch(new RegExp(`^${url}/secret/[a-z0-9]{31}$`));
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("import { startOtsServer } from 'ots-handoff/server' works in the installed package", () => {
    const script = [
      "import { startOtsServer } from 'ots-handoff/server';",
      "const server = await startOtsServer({ basePath: '/ots' });",
      "const answer = await fetch(server.url + '/api/v2/status');",
      'console.log(server.url, answer.status);',
      'await server.close();',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      env,
      encoding: 'utf8',
    });
    expect(out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ots 200\n$/);
  });
});
