import type { Expectation } from './check.ts';
import type { Exchange } from './parse.ts';

// What main (v0.24+) answers differently from the recording, per ots-api.md: the documented
// differences, written as expectations on top of the recorded answers.

const JSON_UTF8 = 'application/json; charset=utf-8';
const ROUTE_NOT_FOUND = 'application/json';

/** Alias fields main adds to v1 receipts (copies of legacy fields) and metadata_url. */
export const V1_ALIASES = new Set([
  'metadata_url',
  'identifier',
  'secret_identifier',
  'has_passphrase',
  'recipients',
  'receipt_ttl',
  'receipt_url',
  'secret_value',
]);

type Json = Record<string, unknown>;

function get(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Json)[part];
  }
  return current;
}

/** Checks `path → expected` pairs; a function as expected value is a predicate. */
function fields(expected: Record<string, unknown>): (actual: unknown) => string[] {
  return (actual) =>
    Object.entries(expected).flatMap(([path, want]) => {
      const got = get(actual, path);
      const ok =
        typeof want === 'function'
          ? (want as (v: unknown) => boolean)(got)
          : JSON.stringify(got) === JSON.stringify(want);
      return ok ? [] : [`${path}: got ${JSON.stringify(got)}`];
    });
}

const key62 = (v: unknown) => typeof v === 'string' && /^[0-9a-z]{62}$/.test(v);
const int = (v: unknown) => Number.isInteger(v);
const absent = (v: unknown) => v === undefined;

/** The same receipt body, seen by a server whose receipt reads change nothing. */
function stillNew(recorded: unknown): unknown {
  const r = recorded as Json;
  r.state = 'new';
  delete r.value;
  return r;
}

/** Inserts `value` before passphrase_required, where v1 puts it. */
function withValue(value: string) {
  return (recorded: unknown): unknown => {
    const r = stillNew(recorded) as Json;
    const { passphrase_required, ...rest } = r;
    return { ...rest, value, passphrase_required };
  };
}

function v1Intended(exchange: Exchange): string | undefined {
  if (exchange.status !== 404 || exchange.contentType !== JSON_UTF8) return undefined;
  const body = exchange.body;
  if (body.includes('"Not authorized"')) return '401';
  if (body.includes('"shrimp"') || body.includes('rate limited')) return '400';
  return undefined;
}

const V1_OVERRIDES: Record<string, Expectation> = {
  // JSON bodies are parsed on v1 since v0.24.
  'v1#12': {
    status: 200,
    intendedStatus: undefined,
    check: fields({
      custid: 'tester@example.com',
      ttl: 600,
      state: 'new',
      secret_key: key62,
      passphrase_required: false,
    }),
  },
  // main's default minimum passphrase length is 4.
  'v1#20': {
    status: 200,
    intendedStatus: undefined,
    check: fields({ custid: 'anon', passphrase_required: true }),
  },
  // /create takes the same flat params as /share again; nested ones are not a secret.
  'v1#28': { status: 200, intendedStatus: undefined, check: fields({ ttl: 600, secret_key: key62 }) },
  'v1#29': {
    status: 404,
    intendedStatus: '400',
    check: fields({ message: 'You did not provide anything to share', shrimp: absent }),
  },
  // Receipt reads have no side effect and never echo a concealed secret.
  'v1#30': { patch: stillNew },
  'v1#31': { patch: stillNew },
  'v1#32': { patch: stillNew },
  'v1#33': { patch: stillNew },
  'v1#43': { patch: stillNew },
  // …but a generated value is shown once within 60 s of creation (the still clock is at creation).
  'v1#34': { patch: withValue('qV_)_Ua~9|UB') },
  // /metadata/:key/burn exists on main; the secret was burned by #55 already.
  'v1#56': {
    contentType: JSON_UTF8,
    check: fields({ message: 'Unknown secret', secret_key: key62 }),
  },
  // recent works on main: an array of the caller's receipts without secret keys.
  'v1#58': { status: 200, intendedStatus: undefined, check: recentList(9) },
  'v1#59': { status: 200, intendedStatus: undefined, check: recentList(9) },
  // main rejects values over 10,000 bytes instead of truncating.
  'v1-edge#6': {
    intendedStatus: '400',
    status: 404,
    check: fields({ message: 'Secret value exceeds the maximum size of 10000 bytes', custid: absent }),
  },
  'v1-edge#8': { patch: stillNew },
  'v1-edge#9': { patch: stillNew },
  // main locks a secret after 20 failures (not 5 per client), so the 6th is one more "Unknown secret".
  'v1-edge#20': {
    intendedStatus: undefined,
    check: fields({ message: 'Unknown secret', secret_key: key62 }),
  },
};

function recentList(count: number) {
  return (actual: unknown): string[] => {
    if (!Array.isArray(actual)) return [`expected an array, got ${JSON.stringify(actual)?.slice(0, 80)}`];
    const problems = actual.length === count ? [] : [`${actual.length} receipts, expected ${count}`];
    for (const item of actual as Json[]) {
      // main deletes secret_key but not its alias secret_identifier (added before the delete).
      if ('secret_key' in item) problems.push('recent item shows secret_key');
      const received = item.state === 'received';
      if (received === 'secret_identifier' in item)
        problems.push(`secret_identifier on a ${item.state} item`);
      if (item.secret_ttl !== null && item.state !== 'received')
        problems.push('recent item has a live secret_ttl');
      if (item.custid !== 'tester@example.com') problems.push(`recent item of ${String(item.custid)}`);
    }
    return problems;
  };
}

const conceal = (kind: string) =>
  fields({
    success: true,
    'record.receipt.identifier': key62,
    'record.receipt.secret_identifier': key62,
    'record.receipt.state': 'new',
    'record.receipt.secret_ttl': int,
    'record.metadata.identifier': (v: unknown) => key62(v),
    'record.secret.identifier': key62,
    'details.kind': kind,
    'details.recipient': [],
    shrimp: absent,
  });

const formError = (message: string, extra: Record<string, unknown> = { error_type: absent, field: absent }) =>
  fields({ error: message, success: absent, shrimp: absent, ...extra });
const recordNotFound = {
  check: (actual: unknown) =>
    JSON.stringify(actual) === '{"error_type":"RecordNotFound"}' ? [] : [`got ${JSON.stringify(actual)}`],
};
const withSuccess =
  (extra: Record<string, unknown> = {}) =>
  (recorded: unknown) => ({ success: true, ...(recorded as Json), ...extra });

const V2_OVERRIDES: Record<string, Expectation> = {
  // main adds success:true to its meta answers.
  'v2#1': { patch: withSuccess() },
  'v2#2': { patch: withSuccess({ version: ['0', '26', '6'] }) },
  'v2#3': { patch: withSuccess({ version: ['0', '26', '6'] }) },
  // main has no v2 authcheck.
  'v2#4': { status: 404, contentType: ROUTE_NOT_FOUND, check: fields({ error: 'Not Found' }) },
  'v2#5': { status: 404, contentType: ROUTE_NOT_FOUND, check: fields({ error: 'Not Found' }) },
  'v2#6': { check: conceal('conceal') },
  'v2#7': { check: conceal('conceal') },
  'v2#8': { check: formError('Incorrect payload format') },
  'v2#9': {
    check: formError('You did not provide anything to share', { error_type: 'missing', field: 'secret' }),
  },
  'v2#10': { check: conceal('generate') },
  'v2#11': { check: conceal('conceal') },
  // Previews have no side effect on main.
  'v2#12': {
    check: fields({
      success: true,
      'record.state': 'new',
      'record.secret_ttl': 3600,
      'details.show_secret': false,
    }),
  },
  'v2#13': { check: fields({ 'record.state': 'new', 'details.current_expiration': int, success: absent }) },
  // The batch status works on main.
  'v2#14': {
    status: 200,
    check: fields({ count: 2, records: (v: unknown) => Array.isArray(v) && v.length === 2 }),
  },
  'v2#15': { check: formError('Incorrect passphrase') },
  'v2#16': {
    check: fields({
      'record.state': 'revealed',
      'record.secret_value': 'v2 hello',
      'details.correct_passphrase': true,
    }),
  },
  'v2#17': recordNotFound,
  'v2#18': {
    check: fields({
      'record.state': 'revealed',
      'record.is_revealed': true,
      'record.secret_identifier': absent,
      'record.receipt_url': (v: unknown) => typeof v === 'string' && v.includes('/receipt/'),
      'details.secret_value': null,
    }),
  },
  // A concealed value is never echoed by the receipt on main.
  'v2#19': {
    check: fields({
      'record.state': 'new',
      'details.secret_value': null,
      'details.show_secret': true,
      'record.secret_identifier': key62,
    }),
  },
  // main dumps the receipt it loaded before burning.
  'v2#20': { check: fields({ success: true, 'record.state': 'new', 'record.is_burned': false }) },
  'v2#21': {
    check: fields({ success: true, count: 11, records: (v: unknown) => Array.isArray(v) && v.length === 11 }),
  },
  'v2#22': { status: 401, check: fields({ error_type: 'Unauthorized' }) },
  'v2#23': recordNotFound,
};

export function currentEraExpectation(exchange: Exchange): Expectation {
  const id = `${exchange.transcript.replace('v0.23.6-', '').replace('.md', '')}#${exchange.number}`;
  if (exchange.transcript.includes('v2')) return { ...V2_OVERRIDES[id] };
  return {
    intendedStatus: v1Intended(exchange),
    compare: { allowExtra: V1_ALIASES, drop: new Set(['shrimp']), shortKeyLength: 8 },
    ...V1_OVERRIDES[id],
  };
}
