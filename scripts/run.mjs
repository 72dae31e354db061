// The launcher every npm script goes through: `node scripts/run.mjs <tool|file.ts|node> [args...]`.
// It starts on whatever Node `npm run` found (possibly 20), picks a Node that satisfies engines.node
// (scripts/node-runtime.mjs), and runs the tool's bin or the .ts/.js file on it. No shell is involved, so it
// behaves the same under sh, cmd.exe and PowerShell; the chosen Node goes first on PATH for nested `node` calls.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseNode, findPackagedNode, minimumFromEngines } from './node-runtime.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** The JS file behind a tool name, looked up in the bins of the project's direct dependencies. */
function resolveBin(command) {
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  for (const name of names) {
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
    const file =
      typeof bin === 'string' ? (name.split('/').pop() === command ? bin : undefined) : bin?.[command];
    if (file) return join(root, 'node_modules', name, file);
  }
  return undefined;
}

const [command, ...args] = process.argv.slice(2);
if (!command) fail('usage: node scripts/run.mjs <tool|script file|node> [args...]');

const node = chooseNode({
  running: { version: process.version, execPath: process.execPath },
  packaged: findPackagedNode(root, process.platform, process.arch),
  minimum: minimumFromEngines(pkg.engines?.node),
  platform: process.platform,
  arch: process.arch,
});
if (node.error) fail(node.error);

let nodeArgs;
if (command === 'node') nodeArgs = args;
else if (/[\\/]/.test(command) || /\.[cm]?[jt]s$/.test(command)) nodeArgs = [command, ...args];
else {
  const bin = resolveBin(command);
  if (!bin) fail(`ots-handoff: no dependency provides a "${command}" command; run \`npm ci\` first.`);
  nodeArgs = [bin, ...args];
}

const env = { ...process.env };
const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
env[pathKey] = [dirname(node.execPath), env[pathKey]].filter(Boolean).join(delimiter);

const child = spawn(node.execPath, nodeArgs, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`ots-handoff: could not start ${node.execPath}: ${error.message}`));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
