// During preview, an input that depends on a resource not created yet reaches the provider as this sentinel
// (the value of `unknownValue` in @pulumi/pulumi/runtime/rpc). It is spelled out here so the implementation
// does not load the Pulumi SDK.
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
