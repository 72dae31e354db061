import type * as pulumi from '@pulumi/pulumi';

// The contract between the provider code stored in state (serialized-provider.ts, possibly written by an older
// release) and the implementation it loads from node_modules at run time (provider/index.ts, the installed
// release). Add to it; never change or remove a member, or old state can no longer be refreshed or destroyed.
export interface ProviderContext {
  /** Stack configuration as the dynamic provider host hands it to configure(); absent in direct calls. */
  config?: pulumi.dynamic.Config | undefined;
  /** Environment to read OTS_* variables from; process.env at call time when absent. */
  env?: Record<string, string | undefined>;
}

type Props = Record<string, unknown>;

export interface ProviderImplementation {
  check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Props, news: Props, context: ProviderContext): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Props, context: ProviderContext): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: Props, context: ProviderContext): Promise<pulumi.dynamic.ReadResult>;
  update(
    id: string,
    olds: Props,
    news: Props,
    context: ProviderContext,
  ): Promise<pulumi.dynamic.UpdateResult>;
  remove(id: string, props: Props, context: ProviderContext): Promise<void>;
}
