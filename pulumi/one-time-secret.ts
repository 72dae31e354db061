import * as pulumi from '@pulumi/pulumi';
import { type OneTimeSecretArgs, type OneTimeSecretState, SECRET_OUTPUTS } from './args.ts';
import { OneTimeSecretProvider, PROVIDER_VERSION } from './serialized-provider.ts';

/**
 * A Onetime Secret link for one value: shares `secret` (or generates a password) when created, burns it when
 * destroyed or replaced. Any change of content, TTL, recipient or destination replaces it with a new link.
 */
export class OneTimeSecret extends pulumi.dynamic.Resource {
  // `declare`, not `!`: a class field would overwrite the outputs the base constructor just set up.
  /** The link to hand over (secret). */
  declare readonly secretUrl: pulumi.Output<string>;
  /** The secret's key (secret). */
  declare readonly secretKey: pulumi.Output<string>;
  /** The receipt key; whoever holds it can burn the secret (secret). */
  declare readonly receiptKey: pulumi.Output<string>;
  /** The receipt page, for the sender (secret: it carries the receipt key). */
  declare readonly receiptUrl: pulumi.Output<string>;
  /** The generated password, with `generate: true` only (secret). */
  declare readonly value: pulumi.Output<string | undefined>;
  /** new, viewed, received, burned, expired… as of the last create or refresh. */
  declare readonly state: pulumi.Output<OneTimeSecretState>;
  /** The TTL the server granted, in seconds (it may clamp the one asked for; see `warnings`). */
  declare readonly ttl: pulumi.Output<number>;
  /** When the link stops working, as an ISO 8601 string. */
  declare readonly expiresAt: pulumi.Output<string>;
  /** What the server did differently from what was asked, such as a clamped TTL. */
  declare readonly warnings: pulumi.Output<string[]>;
  /** The OTS server the secret lives on. */
  declare readonly baseUrl: pulumi.Output<string>;

  constructor(name: string, args: OneTimeSecretArgs, opts?: pulumi.CustomResourceOptions) {
    if (args.secret === undefined && args.generate === undefined) {
      throw new Error(`OneTimeSecret ${name}: set secret (the value to hand over) or generate: true.`);
    }
    const props: pulumi.Inputs = {
      // Wrapped so the engine encrypts the inputs too, not only the outputs.
      secret: args.secret === undefined ? undefined : pulumi.secret(args.secret),
      passphrase: args.passphrase === undefined ? undefined : pulumi.secret(args.passphrase),
      generate: args.generate,
      length: args.length,
      ttl: args.ttl,
      recipient: args.recipient,
      shareDomain: args.shareDomain,
      providerVersion: PROVIDER_VERSION,
    };
    // Every output is seeded unset, or the resource would have no Output for it (`??=` keeps the two inputs).
    for (const output of [...SECRET_OUTPUTS, 'state', 'expiresAt', 'warnings', 'baseUrl'])
      props[output] ??= undefined;
    const options = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...SECRET_OUTPUTS] });
    super(new OneTimeSecretProvider(), name, props, options, 'ots-handoff', 'OneTimeSecret');
  }
}
