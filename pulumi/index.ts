// ots-handoff/pulumi: a Pulumi dynamic resource that hands a value to a person through a Onetime Secret link.
export { type OneTimeSecretArgs, type OneTimeSecretState, SECRET_OUTPUTS } from './args.ts';
export { OneTimeSecret } from './one-time-secret.ts';
export { OneTimeSecretSet, type OneTimeSecretSetArgs } from './one-time-secret-set.ts';
export { OneTimeSecretProvider, PROVIDER_VERSION } from './serialized-provider.ts';
