// ots-handoff/pulumi: a Pulumi dynamic resource that hands a value to a person through a Onetime Secret link.
export type { OneTimeSecretArgs, OneTimeSecretState } from './args.ts';
export { OneTimeSecret } from './one-time-secret.ts';
export { OneTimeSecretSet, type OneTimeSecretSetArgs } from './one-time-secret-set.ts';
export { PROVIDER_VERSION } from './provider-version.ts';
export { SECRET_OUTPUTS } from './secret-outputs.ts';
export { OneTimeSecretProvider } from './serialized-provider.ts';
