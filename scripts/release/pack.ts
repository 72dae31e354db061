// `npm pack` of the repository into a directory: what `npm publish` would upload. prepack builds lib/ first,
// so the tarball is complete even from a clean clone. Shared by `npm run release:check` and the tests that
// install the package the way a user does (test/pulumi/support/consumer-project.ts).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Packs the repository into `destination` and returns the tarball's path. */
export function packRepository(destination: string, options: { ignoreScripts?: boolean } = {}): string {
  const args = ['pack', '--silent', '--pack-destination', destination];
  if (options.ignoreScripts) args.push('--ignore-scripts');
  const output = execFileSync('npm', args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return join(destination, output.trim().split('\n').pop() as string);
}
