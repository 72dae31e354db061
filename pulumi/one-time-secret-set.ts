import * as pulumi from '@pulumi/pulumi';
import { checkRecipients } from '../core/index.ts';
import type { OneTimeSecretArgs, OneTimeSecretState } from './args.ts';
import { OneTimeSecret } from './one-time-secret.ts';

/** The same hand-over for several people: every OneTimeSecret input except `recipient`, plus the list. */
export interface OneTimeSecretSetArgs extends Omit<OneTimeSecretArgs, 'recipient'> {
  /**
   * Email addresses, each sent a link of their own (a one-time link works once). A plain list, not an Output:
   * every recipient is a child resource named after them, so the list must be known when the program runs.
   * Needs an account (username and API token).
   */
  recipients: string[];
}

/**
 * One OneTimeSecret per recipient, all with the same `secret` (or, with `generate: true`, a password of each
 * recipient's own). The children are named `<name>-<recipient>`, so adding or removing a recipient creates or
 * burns only that recipient's link; destroying the set burns every link. A change of the value, TTL or
 * passphrase replaces every link, as for a single OneTimeSecret.
 */
export class OneTimeSecretSet extends pulumi.ComponentResource {
  /** recipient → their OneTimeSecret, for any output of one recipient's link. */
  readonly secrets: Readonly<Record<string, OneTimeSecret>>;
  /** recipient → receipt key; whoever holds one can burn that link (secret). */
  readonly receiptKeys: pulumi.Output<Record<string, string>>;
  /** recipient → state as of the last create or refresh (new, viewed, received, burned, expired…). */
  readonly states: pulumi.Output<Record<string, OneTimeSecretState>>;
  /** recipient → when the link stops working, ISO 8601. */
  readonly expiresAt: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: OneTimeSecretSetArgs, opts?: pulumi.ComponentResourceOptions) {
    // Core's rule (email-shaped, distinct, at most 100), checked before anything is registered: a typo in one
    // address must not half-apply the list.
    let recipients: string[];
    try {
      recipients = checkRecipients(args.recipients);
    } catch (error) {
      throw new Error(`OneTimeSecretSet ${name}: ${(error as Error).message}`);
    }
    super('ots-handoff:index:OneTimeSecretSet', name, {}, opts);
    const { recipients: _list, ...shared } = args;
    const children = recipients.map(
      (r) => new OneTimeSecret(`${name}-${r}`, { ...shared, recipient: r }, { parent: this }),
    );
    const byRecipient = <T>(values: T[]) => Object.fromEntries(recipients.map((r, i) => [r, values[i] as T]));
    const collect = <T>(pick: (s: OneTimeSecret) => pulumi.Output<T>) =>
      pulumi.all(children.map(pick)).apply(byRecipient);
    this.secrets = byRecipient(children);
    this.receiptKeys = pulumi.secret(collect((s) => s.receiptKey));
    this.states = collect((s) => s.state);
    this.expiresAt = collect((s) => s.expiresAt);
    this.registerOutputs({ receiptKeys: this.receiptKeys, states: this.states, expiresAt: this.expiresAt });
  }
}
