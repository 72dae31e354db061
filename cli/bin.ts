#!/usr/bin/env node
// The `ots` / `ots-handoff` executable (package.json `bin`, built to lib/cli/bin.js).
import { processIo } from './io.ts';
import { main } from './main.ts';

// A reader that goes away (`ots get … | head -c 10`) is not a failure of ots; anything else on stdout is.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2), processIo());
