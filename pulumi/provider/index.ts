// The implementation behind the serialized provider, loaded by package name (`ots-handoff/pulumi/provider`) inside
// the Pulumi provider process. Not a public API: its shape is the ProviderImplementation contract, which provider
// code stored in state by older releases relies on; each member below is typed as that contract's member.
export { check } from './check.ts';
export { create } from './create.ts';
export { diff, update } from './diff.ts';
export { read, remove } from './receipt.ts';
