// dist/ is committed because the runner executes it as is: it must be exactly what the sources build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const committed = join(root, 'dist');

/**
 * File name → content: text with line endings normalised (a Windows checkout may have turned LF into CRLF),
 * WebAssembly as base64.
 */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const path = join(name.parentPath, name.name);
    files.set(
      path.slice(dir.length + 1).replaceAll('\\', '/'),
      path.endsWith('.wasm')
        ? readFileSync(path).toString('base64')
        : readFileSync(path, 'utf8').replaceAll('\r\n', '\n'),
    );
  }
  return files;
}

/** Bundled packages (name@version, as licenses.txt lists them) whose version package-lock.json does not hold. */
function bundledNotAsLocked(licenses: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const locked = new Set(
    Object.entries(lock.packages).map(
      ([path, entry]) => `${path.split('node_modules/').pop()}@${entry.version}`,
    ),
  );
  const bundled = licenses.split('\n').filter((line) => /^(@[^/\s]+\/)?[^@\s]+@\d[^\s]*$/.test(line));
  return bundled.filter((entry) => !locked.has(entry));
}

describe('dist/', () => {
  let rebuilt: Map<string, string>;
  /** The files the bundler put into the bundle (rolldown's module list), loaders stripped. */
  let bundledFiles: string[];

  beforeAll(() => {
    const scratch = mkdtempSync(join(tmpdir(), 'ots-dist-'));
    const out = join(scratch, 'dist');
    const stats = join(scratch, 'stats.json');
    const build = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'build-action.ts'), out, '--stats', stats],
      { cwd: root, encoding: 'utf8' },
    );
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    rebuilt = snapshot(out);
    const { modules } = JSON.parse(readFileSync(stats, 'utf8')) as { modules: Array<{ identifier: string }> };
    bundledFiles = modules.map((module) => (module.identifier.split('!').pop() ?? '').replaceAll('\\', '/'));
  }, 120_000);

  // The committed bundle is built on Linux; the check-dist CI job is the authority. On Windows, checkouts
  // rewrite line endings inside the sources too, which is not worth chasing through the bundle.
  it.skipIf(process.platform === 'win32')(
    'is exactly what `npm run build:action` produces from the sources (run it and commit dist/)',
    (context) => {
      // dist/ is built from the lockfile's versions. An install that did not follow package-lock.json (pnpm, or a
      // plain `npm install` that updated a range) bundles other code: say so instead of calling dist/ stale.
      const unlocked = bundledNotAsLocked(rebuilt.get('licenses.txt') ?? '');
      if (unlocked.length > 0) {
        context.skip(
          `installed dependencies differ from package-lock.json (${unlocked.join(', ')}); run npm ci`,
        );
      }
      // pnpm's layout (node_modules/.pnpm) resolves the same versions in another order, and the bundle's module
      // order follows it: the same code, not the same bytes. The check-dist CI job runs after npm ci.
      if (existsSync(join(root, 'node_modules', '.pnpm'))) {
        context.skip(
          'dependencies installed by pnpm bundle in another module order; run npm ci to check dist/',
        );
      }
      const current = snapshot(committed);
      expect([...current.keys()].sort()).toEqual([...rebuilt.keys()].sort());
      for (const [name, content] of rebuilt) {
        // Not toBe on megabytes of text: a mismatch would print both bundles.
        expect(current.get(name) === content, `dist/${name} is out of date`).toBe(true);
      }
    },
  );

  it('is a CommonJS bundle (see scripts/build-action.ts) with its licenses', () => {
    expect(JSON.parse(rebuilt.get('package.json') ?? '')).toEqual({ type: 'commonjs' });
    expect(rebuilt.get('index.js')).not.toMatch(/^import\b/m);
    expect(rebuilt.get('licenses.txt')).toMatch(/undici/);
  });

  it('licenses.txt holds the licence of every package in the bundle', () => {
    const licenses = rebuilt.get('licenses.txt') ?? '';
    const headings = new Set(
      licenses.split('\n').filter((line) => /^(@[^/\s]+\/)?[^@\s]+@\d+\.\d+\.\d+/.test(line)),
    );
    const bundled = new Set<string>();
    for (const file of bundledFiles) {
      const dir = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
      if (!dir) continue;
      const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      bundled.add(`${name}@${version}`);
    }
    // The action's own dependencies are in the bundle, so the list cannot be trivially empty.
    expect([...bundled]).toEqual(expect.arrayContaining(['@actions/core@3.0.1', 'before-after-hook@4.0.0']));
    expect([...bundled].filter((id) => !headings.has(id))).toEqual([]);
    for (const id of bundled) {
      const section = licenses.slice(licenses.indexOf(`${id}\n`)).split('\n-----')[0] ?? '';
      expect(section.length, `${id} has no licence text`).toBeGreaterThan(200);
    }
  });

  it("ships undici's HTTP/1 parser as WebAssembly files, not as base64 inside the script", () => {
    const wasm = [...rebuilt.keys()].filter((name) => name.endsWith('.wasm')).sort();
    expect(wasm).toEqual(['llhttp.wasm', 'llhttp_simd.wasm']);
    for (const name of wasm)
      expect(Buffer.from(rebuilt.get(name) ?? '', 'base64').subarray(0, 4)).toEqual(Buffer.from('\0asm'));
    expect(rebuilt.get('index.js')).not.toMatch(/AGFzbQ/);
  });

  it('never contains Pulumi', () => {
    for (const [name, content] of rebuilt) expect(content.includes('@pulumi'), `dist/${name}`).toBe(false);
  });

  it('keeps @actions/github out of the main chunk: it loads only for comment-on', () => {
    const main = rebuilt.get('index.js') ?? '';
    expect(main).not.toMatch(/octokit-core\.js|@octokit\/request/);
    const chunks = [...rebuilt.keys()].filter((name) => name !== 'index.js' && name.endsWith('.js'));
    expect(chunks.some((name) => /@octokit\/request|octokit-core/.test(rebuilt.get(name) ?? ''))).toBe(true);
  });
});
