// Runs the committed bundle the way the GitHub runner does: `node dist/index.js` from a directory holding
// only action.yml and dist/, in a clean environment (no inherited variables), with the file-command files
// pre-created, inputs as INPUT_<NAME> (hyphens kept), and another working directory.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode } from '../../support/run-node.ts';

const repoRoot = new URL('../../../', import.meta.url);

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  /** Extra GITHUB_* (or other runner) variables, e.g. GITHUB_EVENT_NAME or GITHUB_API_URL. */
  env?: Record<string, string>;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** For a post step: the state the main step saved (passed back as STATE_<name>). */
  state?: Record<string, string>;
}

/** A temp directory with a copy of action.yml and dist/ and nothing else, as the runner downloads an action. */
export function installAction(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ots-action-'));
  cpSync(new URL('action.yml', repoRoot), join(dir, 'action.yml'));
  cpSync(new URL('dist/', repoRoot), join(dir, 'dist'), { recursive: true });
  return dir;
}

export async function runAction(actionDir: string, options: RunOptions = {}): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'ots-runner-'));
  const workspace = join(runnerTemp, 'workspace');
  mkdirSync(workspace);
  const files = {
    GITHUB_OUTPUT: join(runnerTemp, 'output'),
    GITHUB_STATE: join(runnerTemp, 'state'),
    GITHUB_ENV: join(runnerTemp, 'env'),
    GITHUB_PATH: join(runnerTemp, 'path'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary'),
    GITHUB_EVENT_PATH: join(runnerTemp, 'event.json'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runnerTemp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '1234',
    ...files,
    ...options.env,
  };
  // Windows needs these to start any process at all.
  for (const name of ['SystemRoot', 'SYSTEMROOT', 'windir']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const { code, stdout, stderr } = await runNode([join(actionDir, 'dist', 'index.js')], {
    cwd: workspace,
    env,
  });
  const run = {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
  rmSync(runnerTemp, { recursive: true, force: true });
  return run;
}

/** Parses the `name<<delimiter\nvalue\ndelimiter` records @actions/core appends to a file-command file. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!header) continue;
    const [, name, delimiter] = header as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`unterminated record for ${name}`);
    result[name] = value.join('\n');
  }
  return result;
}

/** The log lines (stdout) that are workflow commands of one kind, e.g. 'error' or 'warning'. */
export function commands(run: ActionRun, kind: string): string[] {
  return run.stdout
    .split(/\r?\n/)
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) => line.replace(/^::[^:]*::/, ''));
}

/**
 * Every place a sensitive value shows up where a reader could see it. A value may appear in stdout only
 * inside `::add-mask::` lines (which the runner swallows); never in other stdout lines, stderr or the
 * summary. Multi-line values are checked line by line, as the runner masks them.
 */
export function leaks(
  run: ActionRun,
  sensitive: string[],
  options: { summaryMayHold?: string[] } = {},
): string[] {
  const found: string[] = [];
  const masks = new Set(commands(run, 'add-mask').map(unescapeCommand));
  for (const value of sensitive) {
    const needles = [value, ...value.split(/\r?\n/).filter((line) => line.trim().length >= 8)];
    for (const needle of needles) {
      for (const line of run.stdout.split(/\r?\n/)) {
        if (!line.startsWith('::add-mask::') && line.includes(needle)) found.push(`stdout: ${line}`);
      }
      if (run.stderr.includes(needle)) found.push(`stderr holds ${short(needle)}`);
      if (run.summary.includes(needle) && !options.summaryMayHold?.includes(value)) {
        found.push(`summary holds ${short(needle)}`);
      }
    }
    if (!masks.has(value)) found.push(`no ::add-mask:: for ${short(value)}`);
  }
  return found;
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function short(value: string): string {
  return `${JSON.stringify(value.slice(0, 4))}…`;
}

/**
 * Values whose `::add-mask::` line does not come before the first stdout line matching `marker` (e.g. the
 * first line the action prints about the result): a value must be masked before the runner could see it used.
 */
export function maskedLate(run: ActionRun, values: string[], marker: RegExp): string[] {
  const lines = run.stdout.split(/\r?\n/);
  const markerAt = lines.findIndex((line) => marker.test(line));
  if (markerAt < 0) throw new Error(`no stdout line matches ${marker}`);
  return values.filter((value) => {
    const maskAt = lines.findIndex(
      (line) => line.startsWith('::add-mask::') && unescapeCommand(line.slice(12)) === value,
    );
    return maskAt < 0 || maskAt > markerAt;
  });
}
