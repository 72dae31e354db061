// Runs first in `npm test`: the action ships for the node24 runtime, so the suite must run on Node 24+.
// `npm run` puts node_modules/.bin first on PATH, where the `node` devDependency provides Node 24 on a
// machine whose system Node is older; this check turns a confusing failure later into a clear one now.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `ots-handoff: the tests need Node 24 or newer, but this is Node ${process.versions.node}.\n` +
      'Run them through npm (`npm test`), which uses the Node 24 from the `node` devDependency, ' +
      'or install Node 24 (see .node-version).',
  );
  process.exit(1);
}
