// What every request carries, as seen by a plain HTTP server.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { VERSION } from '../../../core/version.ts';

it('sends the User-Agent, asks for JSON, and sends Authorization only with credentials', async () => {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    headers.push(req.headers);
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"nominal","locale":"en"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const anonymous = new OtsClient({ baseUrl });
  const account = new OtsClient({ baseUrl, username: 'a@b.co', apiToken: 't0ken', userAgent: 'my-tool/1.0' });
  try {
    await anonymous.status();
    headers.length = 1; // keep the status request; drop the version lookup that follows it
    await account.status();
  } finally {
    await Promise.all([anonymous.close(), account.close()]);
    server.close();
  }
  expect(headers[0]?.['user-agent']).toBe(`ots-handoff/${VERSION} (+node ${process.version})`);
  expect(headers[0]?.accept).toBe('application/json');
  expect(headers[0]?.authorization).toBeUndefined();
  expect(headers[1]?.['user-agent']).toBe('my-tool/1.0');
  expect(headers[1]?.authorization).toBe(`Basic ${Buffer.from('a@b.co:t0ken').toString('base64')}`);
});
