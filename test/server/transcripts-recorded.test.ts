import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The replay tests read a vendored copy of the real-server recordings, so they also run where the shared
// reference folder is absent (GitHub CI). Where it is present, the copy must not drift from it.
const vendored = fileURLToPath(new URL('./transcripts/recorded/', import.meta.url));
const reference = fileURLToPath(new URL('../../../shared/reference/ots-transcripts/', import.meta.url));
const hasReference = existsSync(reference);

describe('vendored OTS transcripts', () => {
  it('holds the six recordings (v0.23.6 and main de53ff8)', () => {
    expect(readdirSync(vendored).sort()).toEqual([
      'main-de53ff8-v1-edge.md',
      'main-de53ff8-v1.md',
      'main-de53ff8-v2.md',
      'v0.23.6-v1-edge.md',
      'v0.23.6-v1.md',
      'v0.23.6-v2.md',
    ]);
  });

  it.skipIf(!hasReference)('are byte for byte the shared reference recordings', () => {
    for (const file of readdirSync(reference)) {
      expect(readFileSync(`${vendored}${file}`, 'utf8'), file).toBe(
        readFileSync(`${reference}${file}`, 'utf8'),
      );
    }
  });
});
