// Runs the built `ots` executable (lib/cli/bin.js) as a child process, the way a shell does: stdin bytes in,
// stdout as bytes (the value must arrive byte for byte), stderr as text, the exit code.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../pulumi/support/built-package.ts';

export const BIN = join(REPO_ROOT, 'lib', 'cli', 'bin.js');

export const ACCOUNT = {
  username: 'tester@example.com',
  apiToken: 'testtoken0123456789abcdef0123456789abcdef',
};

export interface OtsRun {
  code: number | null;
  stdout: Buffer;
  /** stdout as UTF-8 text. */
  out: string;
  stderr: string;
}

/** Fails with instructions when lib/cli is missing or older than the sources it is built from. */
export function assertCliBuilt(): void {
  let built: number;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    throw new Error('lib/cli/bin.js is missing: run `npm run build:lib` first (npm test does).');
  }
  for (const dir of ['cli', 'core', 'server']) {
    for (const file of readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.ts') && statSync(join(REPO_ROOT, dir, file)).mtimeMs > built) {
        throw new Error(`lib/cli is older than ${dir}/${file}: run \`npm run build:lib\` again.`);
      }
    }
  }
}

/** The test process's environment without any OTS_* / ONETIME_* setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(OTS|ONETIME)_/i.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

export function runOts(
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; command?: string[]; cwd?: string } = {},
): Promise<OtsRun> {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, [...prefix, ...args], {
      env: options.env ?? cleanEnv(),
      cwd: options.cwd ?? REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out);
      resolve({ code, stdout, out: stdout.toString('utf8'), stderr });
    });
    child.stdin.on('error', () => undefined); // a command that never reads stdin may exit first
    child.stdin.end(options.input ?? '');
  });
}

/** The JSON a --json run printed. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect the printed JSON
export function json(run: OtsRun): any {
  return JSON.parse(run.out);
}
