import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { type Answer, call, TESTER, TESTER_AUTH } from './helpers.ts';
import { httpRequest, rawRequest } from './raw-http.ts';

// Every request encoding the surveyed clients send (peer-clients.md, table D) is understood the way
// the real server's Rack params understand it.

let current: OtsServer;
let v023: OtsServer;

beforeAll(async () => {
  current = await startOtsServer({ accounts: [TESTER] });
  v023 = await startOtsServer({ era: 'v0.23', accounts: [TESTER] });
});
afterAll(async () => {
  await current.close();
  await v023.close();
});

async function reveal(server: OtsServer, secretKey: string, passphrase?: string): Promise<Answer> {
  return call(
    server,
    'POST',
    `/api/v1/secret/${secretKey}`,
    passphrase === undefined ? {} : { form: { passphrase } },
  );
}

describe('v1 create encodings', () => {
  it('bash: multipart/form-data with -F fields, bytes kept as sent', async () => {
    // Built by hand like curl -F does: FormData in fetch would rewrite \n as \r\n before sending.
    const boundary = '------------------------d74496d66958873e';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = `${part('secret', 'multi\npart\n')}${part('ttl', '600')}--${boundary}--\r\n`;
    const created = await call(current, 'POST', '/api/v1/share', {
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      auth: TESTER_AUTH,
    });
    expect(created.status).toBe(200);
    expect(created.json.ttl).toBe(600);
    expect((await reveal(current, created.json.secret_key)).json.value).toBe('multi\npart\n');
  });

  it('multipart built by FormData (as fetch sends it) works too', async () => {
    const form = new FormData();
    form.append('secret', 'from FormData');
    const created = await call(current, 'POST', '/api/v1/share', { body: form });
    expect((await reveal(current, created.json.secret_key)).json.value).toBe('from FormData');
  });

  it('slashpass, perl, tgamauf: form-urlencoded body (tgamauf even on GET, with Connection: close)', async () => {
    const created = await call(current, 'POST', '/api/v1/share', {
      form: { secret: 'form & = + ü', ttl: '900' },
      headers: { connection: 'close' },
    });
    expect(created.json.ttl).toBe(900);
    const status = await call(current, 'GET', '/api/v1/status', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' },
    });
    expect(status.json).toEqual({ status: 'nominal', locale: 'en' });
    expect((await reveal(current, created.json.secret_key)).json.value).toBe('form & = + ü');
  });

  it('corbaltcode, onetime-java, PowerShell: every param in the query string of an empty POST', async () => {
    for (const server of [current, v023]) {
      const created = await call(
        server,
        'POST',
        '/api/v1/share?passphrase=&recipient=&secret=from%20query&ttl=300',
        {
          auth: TESTER_AUTH,
        },
      );
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ ttl: 300, passphrase_required: false, recipient: [] });
      const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}?passphrase=`);
      expect(revealed.json.value).toBe('from query');
    }
  });

  it('corbaltcode: ttl=0 when unset is clamped to the 60-second minimum', async () => {
    const created = await call(current, 'POST', '/api/v1/share?secret=x&ttl=0', {});
    expect(created.json.ttl).toBe(60);
  });

  it('corbaltcode: burn with the passphrase in the query string', async () => {
    const created = await call(current, 'POST', '/api/v1/share', {
      form: { secret: 'x', passphrase: 'pw-pw-pw' },
    });
    const burned = await call(
      current,
      'POST',
      `/api/v1/private/${created.json.metadata_key}/burn?passphrase=pw-pw-pw`,
    );
    expect(burned.status).toBe(200);
    expect(burned.json.secret_shortkey).toBe(created.json.secret_key.slice(0, 8));
  });

  it('chelnak-go: query params with Content-Type: application/json and no body', async () => {
    for (const server of [current, v023]) {
      const created = await call(server, 'POST', '/api/v1/share?secret=chelnak&ttl=600', {
        headers: { 'content-type': 'application/json' },
      });
      expect(created.status).toBe(200);
      expect((await reveal(server, created.json.secret_key)).json.value).toBe('chelnak');
    }
  });

  it('otsgo: a form body without any Content-Type header', async () => {
    const answer = await rawRequest(
      current.port,
      httpRequest('POST', '/api/v1/share', [], 'secret=no+type&ttl=604800&passphrase=&recipient='),
    );
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.ttl).toBe(604800);
    expect((await reveal(current, body.secret_key)).json.value).toBe('no type');
  });

  it('OneTimeSharp: an HTML-escaped body without Content-Type splits at the raw "&", as recorded', async () => {
    const answer = await rawRequest(
      current.port,
      httpRequest('POST', '/api/v1/share', [], 'secret=cs secret &amp; = + <b>&amp;ttl=3600'),
    );
    const body = JSON.parse(answer.body);
    expect(body.ttl).toBe(604800);
    expect((await reveal(current, body.secret_key)).json.value).toBe('cs secret ');
  });

  it('node-ots: a form body labelled text/html is not read, so there is nothing to share', async () => {
    const answer = await call(current, 'POST', '/api/v1/share', {
      body: 'secret=x',
      headers: { 'content-type': 'text/html' },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.message).toBe('You did not provide anything to share');
  });

  it('onetime-ruby: recipient[]= even when empty, and generate with ttl= (clamped to 60)', async () => {
    const shared = await call(current, 'POST', '/api/v1/share', {
      body: 'secret=ruby&recipient[]=',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-onetime-client': 'ruby: 3.3/0.5.1' },
    });
    expect(shared.status).toBe(200);
    expect(shared.json.recipient).toEqual([]);
    const generated = await call(current, 'POST', '/api/v1/generate', { form: { ttl: '' } });
    expect(generated.json.ttl).toBe(60);
    expect(generated.json.value).toHaveLength(12);
  });

  it('onetime-ruby / onetimesecret-ruby: recipient[] lists for an account come back obscured', async () => {
    const shared = await call(current, 'POST', '/api/v1/share', {
      body: 'secret=x&recipient[]=someone@example.com&recipient[]=other@example.org',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      auth: TESTER_AUTH,
    });
    expect(shared.json.recipient).toEqual(['so***@e***.com', 'ot***@e***.org']);
  });

  it('perl: generate with no params at all', async () => {
    const generated = await call(current, 'POST', '/api/v1/generate');
    expect(generated.status).toBe(200);
    expect(generated.json.value).toHaveLength(12);
  });

  it('onetime-java: generate with passphrase=30 (its TTL bug) fails the passphrase length rule', async () => {
    const answer = await call(v023, 'POST', '/api/v1/generate?passphrase=30&ttl=3600');
    expect(answer.status).toBe(404);
    expect(answer.json.message).toBe('Passphrase must be at least 8 characters long');
  });

  it('JSON on v1: parsed by the current era, ignored by v0.23', async () => {
    const json = { json: { secret: 'json', ttl: 600 }, auth: TESTER_AUTH };
    expect((await call(current, 'POST', '/api/v1/share', json)).json.ttl).toBe(600);
    const old = await call(v023, 'POST', '/api/v1/share', json);
    expect(old.status).toBe(404);
    expect(old.json.message).toBe('You did not provide anything to share');
  });
});

describe('v1 reveal, receipt and burn encodings', () => {
  it('py_onetimesecret and otsgo: reveal with SECRET_KEY and passphrase form fields, receipt with METADATA_KEY', async () => {
    const created = await call(current, 'POST', '/api/v1/share', {
      form: { secret: 'py', passphrase: 'hunter22' },
    });
    const receipt = await call(current, 'POST', `/api/v1/private/${created.json.metadata_key}`, {
      form: { METADATA_KEY: created.json.metadata_key },
    });
    expect(receipt.json.metadata_key).toBe(created.json.metadata_key);
    const revealed = await call(current, 'POST', `/api/v1/secret/${created.json.secret_key}`, {
      form: { SECRET_KEY: created.json.secret_key, passphrase: 'hunter22' },
    });
    expect(revealed.json.value).toBe('py');
  });

  it('onetime-java: reveal and receipt with their keys repeated in the query string', async () => {
    const created = await call(current, 'POST', '/api/v1/share?secret=java&passphrase=javajava&ttl=600');
    const receipt = await call(
      current,
      'POST',
      `/api/v1/private/${created.json.metadata_key}?metadata_key=${created.json.metadata_key}`,
    );
    expect(receipt.status).toBe(200);
    const revealed = await call(
      current,
      'POST',
      `/api/v1/secret/${created.json.secret_key}?secret_key=${created.json.secret_key}&passphrase=javajava`,
    );
    expect(revealed.json.value).toBe('java');
  });

  it('onetime-ruby: receipt via POST /metadata/:key; onetimesecret-ruby: GET /receipt/:key and burn with continue=true', async () => {
    const created = await call(current, 'POST', '/api/v1/share', {
      form: { secret: 'r' },
      auth: TESTER_AUTH,
    });
    expect((await call(current, 'POST', `/api/v1/metadata/${created.json.metadata_key}`)).status).toBe(200);
    expect((await call(current, 'GET', `/api/v1/receipt/${created.json.metadata_key}`)).json.state).toBe(
      'new',
    );
    const burned = await call(current, 'POST', `/api/v1/receipt/${created.json.metadata_key}/burn`, {
      form: { continue: 'true' },
      auth: TESTER_AUTH,
    });
    expect(burned.status).toBe(200);
    const recent = await call(current, 'GET', '/api/v1/receipt/recent', { auth: TESTER_AUTH });
    expect(recent.json.map((r: { metadata_key: string }) => r.metadata_key)).toContain(
      created.json.metadata_key,
    );
  });

  it('chelnak-go and node-ots: POST /private/recent is not a route, it looks up a receipt called "recent"', async () => {
    const answer = await call(v023, 'POST', '/api/v1/private/recent', { auth: TESTER_AUTH });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ secret_key: 'recent', message: 'Unknown secret' });
  });

  it('bash: reveal, receipt and burn without auth work for whoever holds the key', async () => {
    const created = await call(current, 'POST', '/api/v1/share', {
      form: { secret: 'b' },
      auth: TESTER_AUTH,
    });
    expect((await call(current, 'POST', `/api/v1/private/${created.json.metadata_key}`)).status).toBe(200);
    expect((await call(current, 'POST', `/api/v1/private/${created.json.metadata_key}/burn`)).status).toBe(
      200,
    );
  });
});

describe('v2 encodings', () => {
  it('onetimesecret-ruby: nested JSON conceal with recipient[] and share_domain, guest conceal, JSON reveal', async () => {
    const server = await startOtsServer({ accounts: [TESTER], domains: ['secrets.example.net'] });
    try {
      const created = await call(server, 'POST', '/api/v2/secret/conceal', {
        json: {
          secret: {
            secret: 'v2',
            ttl: 600,
            passphrase: 'pass-word',
            recipient: ['a@example.com'],
            share_domain: 'secrets.example.net',
          },
        },
        auth: TESTER_AUTH,
      });
      expect(created.status).toBe(200);
      expect(created.json.record.share_domain).toBe('secrets.example.net');
      expect(created.json.details.recipient_safe).toEqual(['a***@e***.com']);
      const guest = await call(server, 'POST', '/api/v2/guest/secret/conceal', {
        json: { secret: { secret: 'g' } },
      });
      expect(guest.json.record.receipt.custid).toBeNull();
      const revealed = await call(
        server,
        'POST',
        `/api/v2/secret/${created.json.record.secret.identifier}/reveal`,
        {
          json: { passphrase: 'pass-word', continue: true },
        },
      );
      expect(revealed.json.record.secret_value).toBe('v2');
    } finally {
      await server.close();
    }
  });

  it('raycast: /api/v2/private aliases and continue sent as the string "true"', async () => {
    const created = await call(current, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'ray', ttl: 3600, passphrase: '' } },
      auth: TESTER_AUTH,
    });
    const key = created.json.record.receipt.identifier;
    expect(
      (await call(current, 'GET', `/api/v2/private/${key}`, { auth: TESTER_AUTH })).json.record.state,
    ).toBe('new');
    const burned = await call(current, 'POST', `/api/v2/private/${key}/burn`, {
      json: { continue: 'true' },
      auth: TESTER_AUTH,
    });
    expect(burned.json.success).toBe(true);
    const recent = await call(current, 'GET', '/api/v2/private/recent', { auth: TESTER_AUTH });
    expect(recent.json.records.map((r: { identifier: string }) => r.identifier)).toContain(key);
  });

  it('v2 reads form-encoded nested params too (secret[secret]=…)', async () => {
    const created = await call(current, 'POST', '/api/v2/secret/conceal', {
      body: 'secret[secret]=nested+form&secret[ttl]=120',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(created.json.record.secret.secret_ttl).toBe(120);
  });
});
