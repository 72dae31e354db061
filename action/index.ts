import { run } from './main.ts';

// Not a top-level await: the bundle is CommonJS (see scripts/build-action.ts). run() never rejects.
void run();
