// A Pulumi project the way a user has one: its own directory, ots-handoff installed into node_modules from the
// tarball `npm pack` makes (so only the files and exports the package publishes exist), and the dependencies a
// real install would bring linked from this repository's node_modules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packRepository } from '../../../scripts/release/pack.ts';
import { assertBuilt, REPO_ROOT } from './built-package.ts';

let tarball: string | undefined;

/** `npm pack` of the repository (after `npm run build:lib`), once per test worker. */
export function packedPackage(): string {
  if (tarball !== undefined) return tarball;
  assertBuilt();
  // lib/ is built and current (assertBuilt); skip prepack's rebuild, which would race other workers' reads of lib/.
  tarball = packRepository(mkdtempSync(join(tmpdir(), 'ots-handoff-pack-')), { ignoreScripts: true });
  return tarball;
}

/** Deletes the tarball made by packedPackage(); call it from afterAll. */
export function removePackedPackage(): void {
  if (tarball === undefined) return;
  rmSync(dirname(tarball), { recursive: true, force: true });
  tarball = undefined;
}

export interface ConsumerProject {
  dir: string;
  /** Writes a file into the project. */
  write(name: string, text: string): void;
  remove(): void;
}

const LINKED_DEPENDENCIES = ['undici', '@pulumi', 'require-from-string', 'typescript', '@types'];

export function createConsumerProject(type: 'commonjs' | 'module'): ConsumerProject {
  const tarballPath = packedPackage();
  const dir = mkdtempSync(join(tmpdir(), `ots-handoff-consumer-${type}-`));
  const installed = join(dir, 'node_modules', 'ots-handoff');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarballPath, '-C', installed, '--strip-components=1']);
  for (const dependency of LINKED_DEPENDENCIES) {
    symlinkSync(
      join(REPO_ROOT, 'node_modules', dependency),
      join(dir, 'node_modules', dependency),
      'junction',
    );
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `consumer-${type}`, type }, null, 2)}\n`,
  );
  return {
    dir,
    write: (name, text) => writeFileSync(join(dir, name), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
