// Bumped whenever the serialized provider or the implementation changes behaviour. It is an input, so a new value
// makes `pulumi up` rewrite the provider code stored in state (an in-place update, never a new link).
export const PROVIDER_VERSION = '1';
