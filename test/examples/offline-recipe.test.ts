// The "Test your workflow offline" recipe (docs/testing.md), run as written: examples/workflows/test-offline.yml's shell
// steps in bash (its `npx --yes ots-handoff@1` replaced by the built lib/cli/bin.js, the same `ots serve`), and
// its action steps through the committed bundle dist/index.js the way the runner starts it, with ${{ env.X }}
// and ${{ steps.ID.outputs.NAME }} filled in as the runner would.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { installAction, runAction } from '../action/support/action-runner.ts';
import { assertCliBuilt, BIN } from '../cli/support/ots.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

const file = new URL('../../examples/workflows/test-offline.yml', import.meta.url);
const workflow = load(readFileSync(file, 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const NPX = 'npx --yes ots-handoff@1 ';

/** bash as the runner starts a `run:` step (`bash --noprofile --norc -eo pipefail`), exit code and stderr. */
function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // stdout ignored: the background server must not hold a pipe of ours open.
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// bash and a POSIX shell script: the recipe runs on ubuntu-latest.
describe.skipIf(process.platform === 'win32')('docs/testing.md recipe: test your workflow offline', () => {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'ots-offline-recipe-'));
  const githubEnv = join(runnerTemp, 'env');
  writeFileSync(githubEnv, '');
  let serverPid: number | undefined;

  afterAll(async () => {
    if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    rmSync(runnerTemp, { recursive: true, force: true });
  });

  it('starts `ots serve` in the background and runs the action against it, step by step', async () => {
    assertCliBuilt();
    const actionDir = installAction();
    const env: Record<string, string> = {};
    const outputs: Record<string, Record<string, string>> = {};
    const resolve = (text: string) =>
      text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (expression, inner: string) => {
        const fromEnv = /^env\.(\w+)$/.exec(inner);
        if (fromEnv) return env[fromEnv[1] as string] ?? '';
        const fromStep = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(inner);
        if (fromStep) return outputs[fromStep[1] as string]?.[fromStep[2] as string] ?? '';
        throw new Error(`the recipe uses ${expression}, which this test cannot evaluate`);
      });

    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const ran: string[] = [];
    try {
      for (const step of steps) {
        if (step.uses?.startsWith('actions/setup-node@')) continue;
        if (step.run !== undefined) {
          const script = step.run.includes(NPX)
            ? step.run.replaceAll(NPX, `"${process.execPath}" "${BIN}" `)
            : step.run;
          const stepEnv = Object.fromEntries(
            Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(String(value))]),
          );
          const result = await bash(script, {
            PATH: process.env.PATH,
            HOME: runnerTemp,
            RUNNER_TEMP: runnerTemp,
            GITHUB_ENV: githubEnv,
            ...env,
            ...stepEnv,
          });
          expect(result, `step "${step.run.split('\n')[0]}"`).toEqual({ code: 0, stderr: '' });
          // The runner reads GITHUB_ENV after each step (NAME=value lines here).
          for (const line of readFileSync(githubEnv, 'utf8').split('\n')) {
            const eq = line.indexOf('=');
            if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
          }
          if (serverPid === undefined && step.run.includes(NPX)) {
            serverPid = Number(readFileSync(join(runnerTemp, 'ots-serve.pid'), 'utf8'));
          }
          ran.push('run');
          continue;
        }
        expect(step.uses).toMatch(/^ots-handoff\/ots-handoff@/);
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([name, value]) => [name, resolve(String(value))]),
        );
        const run = await runAction(actionDir, { inputs });
        expect(run.code, run.stdout + run.stderr).toBe(0);
        if (step.id !== undefined) outputs[step.id] = run.outputs;
        ran.push('action');
      }
    } finally {
      rmSync(actionDir, { recursive: true, force: true });
    }

    // The server the recipe started answered the action: its links point at it.
    const url = env.OTS_URL ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(outputs.share?.['secret-url']?.startsWith(`${url}/secret/`)).toBe(true);
    expect(outputs.status?.state).toBe('new');
    expect(ran).toEqual(['run', 'action', 'action', 'run']);

    // A later step (or the end of the job) stops it: after SIGTERM nothing listens there any more.
    expect((await fetch(`${url}/api/v2/status`)).status).toBe(200);
    process.kill(serverPid as number, 'SIGTERM');
    let listening = true;
    for (let i = 0; i < 100 && listening; i++) {
      await sleep(50);
      listening = await fetch(`${url}/api/v2/status`).then(
        () => true,
        () => false,
      );
    }
    expect(listening).toBe(false);
  });
});
