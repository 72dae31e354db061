// The implementation behind the serialized provider, loaded by package name (`ots-handoff/pulumi/provider`) inside
// the Pulumi provider process. Not a public API: its shape is the ProviderImplementation contract, which provider
// code stored in state by older releases relies on.
import type { ProviderImplementation } from '../serialized-provider.ts';
import { check } from './check.ts';
import { create } from './create.ts';
import { diff, update } from './diff.ts';
import { read, remove } from './receipt.ts';

export { check, create, diff, read, remove, update };

export const implementation: ProviderImplementation = { check, create, diff, read, remove, update };
