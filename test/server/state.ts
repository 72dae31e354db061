import type { Account, Accounts, Caller } from './accounts.ts';
import type { Clock } from './clock.ts';
import type { EraRules } from './era.ts';
import { generateShrimp } from './keys.ts';
import type { FailedPassphraseLimiter, PassphraseLockout } from './rate-limit.ts';
import type { Store } from './store.ts';
import { ANONYMOUS_MAX_TTL } from './ttl.ts';

/** What every handler needs: the era's rules, the data, and where the server is reachable. */
export interface ServerState {
  era: EraRules;
  clock: Clock;
  store: Store;
  accounts: Accounts;
  domains: Set<string>;
  failedPassphrases: FailedPassphraseLimiter;
  lockout: PassphraseLockout;
  /** Origin + base path, known once the server listens; the "site host" of links. */
  site: { url: string };
}

export function accountOf(caller: Caller): Account | undefined {
  return caller.kind === 'account' ? caller.account : undefined;
}

export function custidOf(caller: Caller): string {
  return caller.kind === 'account' ? caller.account.username : 'anon';
}

export function maxTtlOf(caller: Caller): number {
  return caller.kind === 'account' ? caller.account.ttlMax : ANONYMOUS_MAX_TTL;
}

/** v0.23's CSRF token: stable for an account's session, new for each anonymous request. */
export function shrimpOf(caller: Caller): string {
  return caller.kind === 'account' ? caller.account.shrimp : generateShrimp();
}

/** Links point at the custom domain over https when the secret was made for one. */
export function siteFor(state: ServerState, shareDomain: string): string {
  return shareDomain === '' ? state.site.url : `https://${shareDomain}`;
}
