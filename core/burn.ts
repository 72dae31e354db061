// What a burn did, and the receipt's true state afterwards. Servers answer a burn with the receipt as it was loaded
// BEFORE the burn (v0.23 and main, both APIs), with no receipt at all (main's v2 when the secret was already gone),
// or with "not found" (v1 and v0.23's v2 when the secret was already gone: the same answer as for an unknown
// receipt). A receipt read, which is safe to repeat, settles each case; the burn itself is never sent twice.
import { OtsNotFoundError, OtsServerError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import { shortenKey } from './errors/redact.ts';
import { receiptUrl } from './links.ts';
import { type Receipt, toReceipt, withoutLink } from './receipt.ts';
import { isFinal } from './rules.ts';
import type { Burned } from './wire/api.ts';

/** A burn's result: the receipt in its final state, and whether this call is the one that burned the secret. */
export type BurnedReceipt = Receipt & {
  /** false when the secret was already received, burned or expired: nothing was left to burn, and that is fine. */
  burnedNow: boolean;
};

/** Sends the burn once (`burn`) and settles what it did with receipt reads (`read`). */
export async function burnAndSettle(
  burn: () => Promise<Burned>,
  read: () => Promise<Receipt>,
  baseUrl: string,
  key: string,
): Promise<BurnedReceipt> {
  let burned: Burned;
  try {
    burned = await burn();
  } catch (error) {
    if (!(error instanceof OtsNotFoundError)) throw error;
    // The secret was already gone (then the receipt says how), or the receipt is unknown (then the burn's own
    // error stands). A read that fails otherwise is thrown: whether the secret is gone is unknown.
    const receipt = await read().catch((readError: unknown) => {
      throw isOtsError(readError) && readError.code === 'not_found' ? error : readError;
    });
    if (!isFinal(receipt.state)) throw error;
    return { ...receipt, burnedNow: false };
  }
  const answered = burned.fields === undefined ? undefined : toReceipt(burned.fields, baseUrl);
  if (!burned.burned) {
    // Nothing burned by this call: the answer's own record says why when it shows a final state, else a read does.
    const receipt = answered !== undefined && isFinal(answered.state) ? answered : await read();
    if (!isFinal(receipt.state)) {
      throw new OtsServerError(
        `OTS burn: the server burned nothing, and receipt ${shortenKey(key)} still says "${receipt.state}": its ` +
          'link may still work. Burn it again, or from the receipt page.',
      );
    }
    return { ...receipt, burnedNow: false };
  }
  if (answered?.state === 'burned') return { ...answered, burnedNow: true };
  // The answer shows the receipt from before the burn ("new", "viewed"): read it again for its final state. The
  // burn is done whatever that read does, so a failed read falls back to the answer, marked burned.
  const after = await read().catch(() => undefined);
  if (after !== undefined && isFinal(after.state)) return { ...after, burnedNow: true };
  const base = after ??
    answered ?? { receiptKey: key, receiptUrl: receiptUrl(baseUrl, key), recipients: [], state: '' };
  // The link is dead now, whatever the stale answer still shows.
  return { ...withoutLink(base, 'burned'), burnedNow: true };
}
