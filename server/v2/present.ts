import type { Caller } from '../accounts.ts';
import type { Created } from '../secrets/create.ts';
import type { ServerState } from '../state.ts';
import type { Receipt, StoredSecret } from '../store.ts';

/** What the v2 wire format looks like in one era; the routes decide what happens, this decides the shape. */
export interface V2Presenter {
  created(created: Created, caller: Caller): Record<string, unknown>;
  /** GET /secret/:id; `changed` says the request itself just marked the secret viewed. */
  secretPreview(secret: StoredSecret, caller: Caller, changed: boolean): Record<string, unknown>;
  /** A reveal the caller did not confirm with continue: nothing consumed. */
  withheld(secret: StoredSecret, caller: Caller): Record<string, unknown>;
  secretStatus(secret: StoredSecret): Record<string, unknown>;
  revealed(secret: StoredSecret, value: string, caller: Caller): Record<string, unknown>;
  receipt(
    receipt: Receipt,
    secret: StoredSecret | undefined,
    shownValue: string | undefined,
    caller: Caller,
  ): Record<string, unknown>;
  burned(before: Receipt, after: Receipt, success: boolean, caller: Caller): Record<string, unknown>;
  recent(caller: Caller & { kind: 'account' }, receipts: Receipt[]): Record<string, unknown>;
  authcheck(caller: Caller & { kind: 'account' }): Record<string, unknown>;
}

export type PresenterFactory = (state: ServerState) => V2Presenter;
