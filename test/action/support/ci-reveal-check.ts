// CI helper for the `uses: ./` job: reveals a link the action produced and compares it with the expected value,
// printing only whether they match (never the value, the link or a key).
// Env: LINK (the secret-url output), EXPECTED_FILE (a file with the expected value), PASSPHRASE (optional).
import { readFileSync } from 'node:fs';
import { OtsClient } from '../../../core/index.ts';

const link = process.env.LINK ?? '';
const expected = readFileSync(process.env.EXPECTED_FILE ?? '', 'utf8');
const passphrase = process.env.PASSPHRASE;
if (link === '') {
  console.log('::error::no link to reveal');
  process.exit(1);
}
const client = new OtsClient({ baseUrl: new URL(link).origin });
try {
  const { value } = await client.reveal(link, passphrase ? { passphrase } : {});
  if (value !== expected) {
    console.log('::error::the revealed value differs from what was shared');
    process.exit(1);
  }
  console.log('The revealed value matches what was shared.');
} finally {
  await client.close();
}
