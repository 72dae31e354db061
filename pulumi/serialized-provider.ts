import type * as pulumi from '@pulumi/pulumi';
import type { ProviderImplementation } from './provider-protocol.ts';

// Pulumi serializes this object into state as source code (`__provider`) and rebuilds it later in a separate
// provider process, possibly from another working directory and after the package was upgraded. Everything that
// function serialization would copy by value (captured modules, helpers, client instances, tokens) is a trap, so
// this class captures nothing: each method loads the implementation by package name from node_modules when it
// runs, and credentials are read there, at run time, from provider config or OTS_* environment variables.
// Keep the method bodies free of references to anything outside the class; test/pulumi/round-trip.test.ts checks it.
export class OneTimeSecretProvider implements pulumi.dynamic.ResourceProvider {
  // Only ever set inside the provider process, after Pulumi rebuilt this object; never part of the serialized text.
  declare config?: pulumi.dynamic.Config;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
  }

  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return (await this.implementation()).check(olds, news);
  }

  async diff(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    return (await this.implementation()).diff(id, olds, news, { config: this.config });
  }

  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return (await this.implementation()).create(inputs, { config: this.config });
  }

  async read(id: string, props?: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return (await this.implementation()).read(id, props ?? {}, { config: this.config });
  }

  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return (await this.implementation()).update(id, olds, news, { config: this.config });
  }

  async delete(id: string, props: Record<string, unknown>): Promise<void> {
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
