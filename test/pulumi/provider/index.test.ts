// provider/index.ts is what the provider code stored in state loads by package name and calls as a
// ProviderImplementation. Nothing in product code checks the module as a whole since 0205c63 dropped its
// `implementation` object: a member left out would only fail in a user's `pulumi destroy`.
import { expect, it } from 'vitest';
import * as provider from '../../../pulumi/provider/index.ts';
import type { ProviderImplementation } from '../../../pulumi/serialized-provider.ts';

it('exports every member of the ProviderImplementation contract, and only those', () => {
  // Type-checked (npx tsc): a missing or differently typed member fails here.
  const implementation: ProviderImplementation = provider;
  expect(Object.keys(implementation).sort()).toEqual(['check', 'create', 'diff', 'read', 'remove', 'update']);
  for (const member of Object.values(implementation)) expect(member).toBeTypeOf('function');
});
