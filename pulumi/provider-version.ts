// The version of the provider code Pulumi stores in state (serialized-provider.ts). It is an input, so bumping it
// makes the next `pulumi up` rewrite that stored code, as an in-place update that keeps the link. Bump it when
// serialized-provider.ts changes. Changes to pulumi/provider/ need no bump: the stored code loads the installed
// implementation every time it runs.
export const PROVIDER_VERSION = '1';
