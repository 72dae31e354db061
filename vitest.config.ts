import { configDefaults, defineConfig } from 'vitest/config';

// Two projects over one configuration. `unit` is the fast loop (`npm run test:unit`): everything that runs
// in-process, the local OTS server included. `integration` holds the files that start other processes (the
// action bundle as a runner starts it, npm pack/install, the Pulumi plugin, the demo, benches, npm's dry runs).
// `vitest run` (npm test, the gate) runs both.
const integration = [
  'test/action/dist.test.ts',
  'test/action/bounded-inputs.test.ts',
  'test/action/e2e.test.ts',
  'test/action/lazy-builtins.test.ts',
  'test/action/recipients-e2e.test.ts',
  'test/bench.test.ts',
  'test/cli/**/*.test.ts',
  'test/core/http/deadline.test.ts',
  'test/core/http/proxy-tunnel.test.ts',
  'test/demo.test.ts',
  'test/examples/offline-recipe.test.ts',
  'test/github/**/*.test.ts',
  'test/hostile/**/*.test.ts',
  'test/install-platforms.test.ts',
  'test/live-check.test.ts',
  'test/release-check.test.ts',
  'test/pulumi/**/*.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests talk to real loopback servers; two cores, so keep the worker count honest.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...integration],
          // Files share a worker's module graph instead of re-importing undici and the server per file: most of
          // this project's time was imports. Every file starts its own servers and restores what it changes.
          isolate: false,
        },
      },
      // Child processes (tsc, npm, the Pulumi plugin) on two loaded cores: 20 s per test was too tight.
      { extends: true, test: { name: 'integration', include: integration, testTimeout: 60_000 } },
    ],
  },
});
