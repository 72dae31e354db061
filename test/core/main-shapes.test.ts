// Answers exactly as the real main-de53ff8 server sent them (shared/reference/ots-transcripts/main-de53ff8-*.md,
// call numbers below), scripted into the local server, so the client is pinned to what users' servers send.
import { afterEach, describe, expect, it } from 'vitest';
import { OtsNotFoundError, OtsUnauthorizedError } from '../../core/errors/kinds.ts';
import { ACCOUNT, rejection, useServer } from './support/server.ts';

const ots = useServer({ era: 'current' });
afterEach(() => ots.server.faults.clear());

const RECEIPT = '0d05gqp4co1kmjfd1brzj3q3fncww9e43pyrt4o3dcn9htdhsyeubyfw1oculc';
const SECRET = '5rrvqmbbh706eh6f6griat2aeqiu3jczcvjwp2h1sg0i4kcfneajccy6cfifis';

function answer(
  path: string | RegExp,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  ots.server.faults.add({
    path,
    type: 'status',
    status,
    body: JSON.stringify(body),
    contentType: 'application/json',
    ...(headers ? { headers } : {}),
  });
}

describe('main-de53ff8 v2 authentication failures (v2 #22, #76, #83)', () => {
  it.each([
    ['[AUTH_HEADER_MISSING] No authorization header'],
    ['[CREDENTIALS_INVALID] Invalid credentials'],
    ['[AUTH_TYPE_INVALID] Invalid authorization type'],
  ])('%s is unauthorized, with the message that says what to check', async (reason) => {
    answer('/api/v2/receipt/recent', 401, {
      error: 'Authentication Required',
      message: reason,
      timestamp: 1796138051,
    });
    const error = await rejection(ots.client({ apiVersion: 'v2', ...ACCOUNT }).recent());
    expect(error).toBeInstanceOf(OtsUnauthorizedError);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(`not authorized (${reason})`);
    expect(error.message).toMatch(/Check username and apiToken: usernames are case-sensitive/);
  });
});

describe('main-de53ff8 request ids (v2 #23, #86)', () => {
  it('keeps request_id on the error and in its message, for a support ticket', async () => {
    answer(
      `/api/v2/receipt/${RECEIPT}`,
      404,
      { error: `identifier: ${RECEIPT}`, error_type: 'RecordNotFound', request_id: '1rnoqeuyc03v6' },
      { 'X-Request-Id': '1rnoqeuyc03v6' },
    );
    const error = await rejection(ots.client({ apiVersion: 'v2' }).receipt(RECEIPT));
    expect(error).toBeInstanceOf(OtsNotFoundError);
    expect(error.requestId).toBe('1rnoqeuyc03v6');
    expect(error.message).toMatch(/\(request id 1rnoqeuyc03v6\)$/);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ requestId: '1rnoqeuyc03v6' });
    expect(error.message).not.toContain(RECEIPT);
  });

  it('takes the X-Request-Id header when the body has none, and never key-shaped or odd text', async () => {
    answer('/api/v2/secret/conceal', 422, { error: 'nope' }, { 'X-Request-Id': '03nchh9h0cg5i' });
    expect((await rejection(ots.client().share('x'))).requestId).toBe('03nchh9h0cg5i');
    answer('/api/v2/secret/conceal', 422, { error: 'nope', request_id: RECEIPT });
    expect((await rejection(ots.client().share('x'))).requestId).toBeUndefined();
    answer('/api/v2/secret/conceal', 422, { error: 'nope', request_id: 'a b\n<script>' });
    expect((await rejection(ots.client().share('x'))).requestId).toBeUndefined();
  });

  // The id is repeated in the message, toJSON and the stack text: a piece of the API token, of the Authorization
  // header or of the secret sent back as a "request id" must not reach a log (redact() finds only whole values).
  it('never repeats a request id that holds a piece of the token, the Authorization header or the secret', async () => {
    const basic = Buffer.from(`${ACCOUNT.username}:${ACCOUNT.apiToken}`).toString('base64');
    const secret = 'Correct-Horse-Battery-Staple';
    const pieces = [ACCOUNT.apiToken.slice(0, 19), basic.slice(30, 70), 'Horse-Battery'];
    for (const piece of pieces) {
      answer('/api/v2/secret/conceal', 422, { error: 'nope', request_id: piece });
      const error = await rejection(ots.client({ ...ACCOUNT }).share(secret));
      expect(error.requestId).toBeUndefined();
      for (const text of [error.message, String(error.stack), JSON.stringify(error)])
        expect(text).not.toContain(piece);
    }
    // An ordinary id still shows with the same credentials and secret.
    answer('/api/v2/secret/conceal', 422, { error: 'nope', request_id: '1rnoqeuyc03v6' });
    expect((await rejection(ots.client({ ...ACCOUNT }).share(secret))).requestId).toBe('1rnoqeuyc03v6');
  });
});

// v2 #41: after GET /api/v2/secret/:key the receipt is still "new" but previewed, with float timestamps and an owner
// objid instead of an e-mail.
const PREVIEWED = {
  record: {
    identifier: RECEIPT,
    key: RECEIPT,
    custid: null,
    owner_id: '01a2322b-4fc0-74db-87eb-35c677a218f9',
    state: 'new',
    secret_shortid: '5rrvqmbb',
    secret_identifier: SECRET,
    secret_ttl: 600,
    metadata_ttl: 600,
    receipt_ttl: 600,
    lifespan: 600,
    share_domain: null,
    created: 1796138036.0109,
    updated: 1796138036.0109,
    recipients: '',
    previewed: 1796138036,
    revealed: null,
    is_previewed: true,
    viewed: 1796138036,
    received: null,
    burned: null,
    is_viewed: true,
    has_passphrase: false,
    share_path: `secret/${SECRET}`,
    share_url: `http://127.0.0.1:44201/secret/${SECRET}`,
    receipt_url: `http://127.0.0.1:44201/receipt/${RECEIPT}`,
  },
  details: { view_count: 1, first_access: 1796138036.0294988 },
};

describe('main-de53ff8 receipts', () => {
  it('reads float timestamps and the owner objid, and calls a previewed receipt viewed', async () => {
    answer(`/api/v2/receipt/${RECEIPT}`, 200, PREVIEWED);
    const receipt = await ots.client({ apiVersion: 'v2' }).receipt(RECEIPT);
    expect(receipt).toMatchObject({ receiptKey: RECEIPT, secretKey: SECRET, state: 'viewed', ttl: 600 });
    expect(receipt.createdAt).toEqual(new Date(1796138036011));
    expect(receipt.viewedAt).toEqual(new Date(1796138036000));
    expect(receipt.expiresAt).toEqual(new Date(1796138636011));
    // Links are built from the keys, on the client's base URL, never copied from the answer.
    expect(receipt.secretUrl).toBe(`${ots.server.url}/secret/${SECRET}`);
    expect(receipt.receiptUrl).toBe(`${ots.server.url}/receipt/${RECEIPT}`);
  });

  it('a receipt not yet previewed stays new', async () => {
    const record = {
      ...PREVIEWED.record,
      previewed: null,
      viewed: null,
      is_previewed: false,
      is_viewed: false,
    };
    answer(`/api/v2/receipt/${RECEIPT}`, 200, { record, details: { view_count: 0 } });
    const receipt = await ots.client({ apiVersion: 'v2' }).receipt(RECEIPT);
    expect(receipt.state).toBe('new');
    expect(receipt.viewedAt).toBeUndefined();
  });

  it('rebuilds the v1 receipt link that main sends without its key (v2 #44)', async () => {
    answer(`/api/v1/private/${RECEIPT}`, 200, {
      custid: 'anon',
      metadata_key: RECEIPT,
      secret_key: SECRET,
      ttl: 600,
      metadata_ttl: 1200,
      secret_ttl: 600,
      metadata_url: 'http://127.0.0.1:44201/receipt/',
      state: 'new',
      updated: 1796138036,
      created: 1796138036,
      recipient: [],
      share_domain: '',
      passphrase_required: false,
      identifier: RECEIPT,
      secret_identifier: SECRET,
      has_passphrase: false,
      recipients: [],
      receipt_ttl: 1200,
      receipt_url: 'http://127.0.0.1:44201/receipt/',
    });
    const receipt = await ots.client({ apiVersion: 'v1' }).receipt(RECEIPT);
    expect(receipt.receiptUrl).toBe(`${ots.server.url}/receipt/${RECEIPT}`);
    expect(receipt.secretUrl).toBe(`${ots.server.url}/secret/${SECRET}`);
    expect(receipt).toMatchObject({ state: 'new', ttl: 600 });
  });
});

describe('main-de53ff8 burn answers', () => {
  it('a burn answered {"success":true} (v2 #31) reads the receipt for its state: burned, not by this call', async () => {
    const client = ots.client({ apiVersion: 'v2' });
    const shared = await client.share('burned elsewhere');
    await ots.client({ apiVersion: 'v1' }).burn(shared.receiptKey);
    answer(/\/burn$/, 200, { success: true });
    const before = ots.server.requests.length;
    const again = await client.burn(shared.receiptKey);
    expect(again).toMatchObject({ state: 'burned', burnedNow: false, receiptKey: shared.receiptKey });
    expect(ots.server.requests.slice(before).map((r) => r.path)).toEqual([
      `/api/v2/receipt/${shared.receiptKey}/burn`,
      `/api/v2/receipt/${shared.receiptKey}`,
    ]);
  });

  it('a successful burn never reports the stale "new" of its answer, even when the read after it fails', async () => {
    const client = ots.client({ apiVersion: 'v2', maxRetries: 0 });
    const shared = await client.share('stale answer');
    // v2 #25: success, with the receipt from before the burn; then the receipt read fails.
    answer(/\/burn$/, 200, { success: true, record: { ...PREVIEWED.record, identifier: shared.receiptKey } });
    ots.server.faults.add({ path: `/api/v2/receipt/${shared.receiptKey}`, type: 'reset' });
    const burned = await client.burn(shared.receiptKey);
    expect(burned).toMatchObject({ state: 'burned', burnedNow: true });
    expect(burned.secretUrl).toBeUndefined();
    expect(burned.secretKey).toBeUndefined();
  });
});
