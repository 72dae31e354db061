/**
 * Who is asking, and through which API: main's v2 knows the client address (a per-client lock
 * tier) and counts every wrong passphrase; its v1 has no address and counts only non-empty ones.
 */
export interface Client {
  address: string;
  api: 'v1' | 'v2';
}

export function lockTier(client: Client): string | undefined {
  return client.api === 'v2' ? client.address : undefined;
}
