import type { dynamic } from '@pulumi/pulumi';

// The version of the provider code Pulumi stores in state (the class below). It is an input, so bumping it makes
// the next `pulumi up` rewrite that stored code, as an in-place update that keeps the link. Bump it when the class
// changes. Changes to pulumi/provider/ need no bump: the stored code loads the installed implementation every
// time it runs.
export const PROVIDER_VERSION = '1';

type Props = Record<string, unknown>;

// Pulumi serializes this object into state as source code (`__provider`) and rebuilds it later in a separate
// provider process, possibly from another working directory and after the package was upgraded. Everything that
// function serialization would copy by value (captured modules, helpers, client instances, tokens) is a trap, so
// this class captures nothing: each method loads the implementation by package name from node_modules when it
// runs, and credentials are read there, at run time, from provider config or OTS_* environment variables.
// Keep the method bodies free of references to anything outside the class; test/pulumi/round-trip.test.ts checks it.
export class OneTimeSecretProvider implements dynamic.ResourceProvider {
  // Only ever set inside the provider process, after Pulumi rebuilt this object; never part of the serialized text.
  declare config?: dynamic.Config;

  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
  }

  async check(olds: Props, news: Props) {
    return (await this.implementation()).check(olds, news);
  }

  async diff(id: string, olds: Props, news: Props) {
    return (await this.implementation()).diff(id, olds, news, { config: this.config });
  }

  async create(inputs: Props) {
    return (await this.implementation()).create(inputs, { config: this.config });
  }

  async read(id: string, props?: Props) {
    return (await this.implementation()).read(id, props ?? {}, { config: this.config });
  }

  async update(id: string, olds: Props, news: Props) {
    return (await this.implementation()).update(id, olds, news, { config: this.config });
  }

  async delete(id: string, props: Props) {
    return (await this.implementation()).remove(id, props, { config: this.config });
  }

  async implementation(): Promise<ProviderImplementation> {
    // A package specifier, not a relative path: resolved from the provider process's node_modules, so it works
    // from any working directory and serializes as text instead of being inlined.
    const specifier = 'ots-handoff/pulumi/provider';
    try {
      return (await import(specifier)) as ProviderImplementation;
    } catch (error) {
      // First line only: Node appends a multi-line require stack to MODULE_NOT_FOUND messages.
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new Error(
        `ots-handoff: cannot load ${specifier} from ${process.cwd()} (${reason}). ` +
          'Install ots-handoff (npm install ots-handoff) in the Pulumi project that owns this stack, on Node >= 22.19.',
      );
    }
  }
}

// The contract between the provider code above, stored in state (possibly written by an older release), and the
// implementation it loads from node_modules at run time (provider/index.ts, the installed release). Add to it;
// never change or remove a member, or old state can no longer be refreshed or destroyed.
export interface ProviderContext {
  /** Stack configuration as the dynamic provider host hands it to configure(); absent in direct calls. */
  config?: dynamic.Config | undefined;
  /** Environment to read OTS_* variables from; process.env at call time when absent. */
  env?: Record<string, string | undefined>;
}

export interface ProviderImplementation {
  check(olds: Props, news: Props): Promise<dynamic.CheckResult>;
  diff(id: string, olds: Props, news: Props, context: ProviderContext): Promise<dynamic.DiffResult>;
  create(inputs: Props, context: ProviderContext): Promise<dynamic.CreateResult>;
  read(id: string, props: Props, context: ProviderContext): Promise<dynamic.ReadResult>;
  update(id: string, olds: Props, news: Props, context: ProviderContext): Promise<dynamic.UpdateResult>;
  remove(id: string, props: Props, context: ProviderContext): Promise<void>;
}
