import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { DEFAULT_USER_AGENT } from '../../core/http/user-agent.ts';
import { VERSION } from '../../core/version.ts';

it('core/version.ts matches package.json, so the User-Agent tells the truth', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  expect(VERSION).toBe(pkg.version);
  expect(DEFAULT_USER_AGENT).toBe(`ots-handoff/${pkg.version} (+node ${process.version})`);
});
