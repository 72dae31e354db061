import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('test runtime', () => {
  it('runs on the Node major the action declares (node24)', () => {
    const actionYml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');
    const declared = /using:\s*['"]?node(\d+)/.exec(actionYml)?.[1];
    expect(declared).toBe('24');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(Number(declared));
  });

  it('runs on the Node version pinned in .node-version', () => {
    const pinned = readFileSync(new URL('../.node-version', import.meta.url), 'utf8').trim();
    expect(process.versions.node.split('.')[0]).toBe(pinned.split('.')[0]);
  });
});
