// Kept equal to package.json's version by test/core/version.test.ts (a JSON import would not survive bundling).
export const VERSION = '0.1.0';
