// Outputs the engine must encrypt in state. A dynamic provider cannot return pulumi.secret() values
// (pulumi/pulumi#3012), so secrecy is declared through the additionalSecretOutputs resource option instead.
// receiptUrl is in the list because it carries the receipt key, which can burn the secret (and on OTS ≤ v0.25
// reveal it once).
export const SECRET_OUTPUTS = [
  'secret',
  'passphrase',
  'value',
  'secretUrl',
  'secretKey',
  'receiptKey',
  'receiptUrl',
] as const;
