// Runs `ots` with a pseudo-terminal as stdin, stdout and stderr, through util-linux script(1) (no native
// module needed). What the terminal showed comes back as one text (stdout and stderr interleaved, CR LF).
import { execFileSync, spawn } from 'node:child_process';
import { BIN, cleanEnv } from './ots.ts';

/** Why a pseudo-terminal cannot be had here, or undefined when script(1) from util-linux works. */
export function ttyUnavailable(): string | undefined {
  if (process.platform !== 'linux')
    return `script(1) with -e/-c is util-linux (Linux); this is ${process.platform}`;
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'script(1) from util-linux is not installed';
  }
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export function runOtsInTty(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
    child.stdin.end();
  });
}
