// Links people open in a browser. A custom share domain is served over https on its own host.

export function secretUrl(baseUrl: string, secretKey: string, shareDomain?: string): string {
  const origin = shareDomain === undefined ? baseUrl : `https://${shareDomain}`;
  return `${origin}/secret/${secretKey}`;
}

export function receiptUrl(baseUrl: string, receiptKey: string): string {
  return `${baseUrl}/receipt/${receiptKey}`;
}
