// Compares a recorded answer with the local server's answer. Keys, shrimps, timestamps and
// generated passwords legitimately differ, so recorded keys are mapped one-to-one onto the keys the
// local server handed out in the same sequence, and everything else must match exactly.

const KEY_FIELDS = new Set(['metadata_key', 'secret_key', 'identifier', 'key', 'secret_identifier']);
const SHORT_KEY_FIELDS = new Set(['shortkey', 'secret_shortkey', 'shortid', 'secret_shortid']);
const TIME_FIELDS = new Set([
  'created',
  'updated',
  'received',
  'viewed',
  'burned',
  'shared',
  'expiration',
  'previewed',
  'revealed',
  'first_access',
  'last_access',
  'timestamp',
  'since',
  'now',
]);
/** Live countdowns: the recording ran on a ticking clock (a few seconds per transcript), the replay on a still one. */
const LIVE_TTL_SLACK = 5;
const LIVE_TTL_FIELDS = new Set([
  'metadata_ttl',
  'receipt_ttl',
  'secret_ttl',
  'secret_realttl',
  'realttl',
  'current_expiration',
]);
const VALUE_FIELDS = new Set(['value', 'secret_value']);
/** v0.23 keys are 31 characters, main's 62. */
const RECORDED_KEY = /^(?:[0-9a-z]{31}|[0-9a-z]{62})$/;
/** main's customer objid (UUIDv7), shown as owner_id and as recent's top-level custid. */
const OBJID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** main's error correlation id (X-Request-Id), random per request. */
const REQUEST_ID = /^[0-9a-z]{8,}$/;

type Json = unknown;

class Bijection {
  readonly forward = new Map<string, string>();
  readonly #backward = new Map<string, string>();

  /** Binds recorded → actual; an error text if either side is already bound elsewhere. */
  bind(recorded: string, actual: string): string | undefined {
    const known = this.forward.get(recorded);
    if (known !== undefined) return known === actual ? undefined : `expected ${known}, got ${actual}`;
    const taken = this.#backward.get(actual);
    if (taken !== undefined) return `${actual} already stands for ${taken}, not ${recorded}`;
    this.forward.set(recorded, actual);
    this.#backward.set(actual, recorded);
    return undefined;
  }
}

export interface CompareOptions {
  /** The response of a /generate call: its `value` is new and only its length can be compared. */
  generated: boolean;
  /** Field names the actual answer may carry beyond the recorded ones (documented additions). */
  allowExtra?: ReadonlySet<string>;
  /** Recorded field names the actual answer must not carry (documented removals). */
  drop?: ReadonlySet<string>;
  /** Length of short keys in the actual answer (default: as recorded). */
  shortKeyLength?: number;
}

export class Correspondence {
  readonly keys = new Bijection();
  readonly shrimps = new Bijection();
  readonly values = new Bijection();
  readonly owners = new Bijection();
  readonly #prefixes = new Map<string, string>();
  readonly #recordedOrigin: string;
  readonly #actualOrigin: string;

  constructor(recordedOrigin: string, actualOrigin: string) {
    this.#recordedOrigin = recordedOrigin;
    this.#actualOrigin = actualOrigin;
  }

  /** Rewrites recorded keys and origin in a request path or body into the local ones. */
  substitute(text: string): string {
    let out = text.split(this.#recordedOrigin).join(this.#actualOrigin);
    for (const [recorded, actual] of this.keys.forward) out = out.split(recorded).join(actual);
    return out;
  }

  /** First pass: learn the key mapping from a whole answer, so order inside it does not matter. */
  learn(recorded: Json, actual: Json, field = ''): void {
    if (Array.isArray(recorded) && Array.isArray(actual)) {
      recorded.forEach((r, i) => {
        this.learn(r, actual[i], field);
      });
    } else if (isObject(recorded) && isObject(actual)) {
      for (const [k, r] of Object.entries(recorded)) this.learn(r, actual[k], k);
    } else if (
      KEY_FIELDS.has(field) &&
      typeof recorded === 'string' &&
      RECORDED_KEY.test(recorded) &&
      typeof actual === 'string' &&
      !this.keys.forward.has(recorded)
    ) {
      if (this.keys.bind(recorded, actual) === undefined) {
        for (const n of [6, 8]) this.#prefixes.set(recorded.slice(0, n), actual);
      }
    }
  }

  /** Second pass: every difference, as "path: problem" lines (empty when the answers agree). */
  compare(recorded: Json, actual: Json, options: CompareOptions, path = '$', field = ''): string[] {
    const at = (problem: string) => [`${path}: ${problem}`];
    if (Array.isArray(recorded)) {
      if (!Array.isArray(actual)) return at(`expected an array, got ${describe(actual)}`);
      if (actual.length !== recorded.length)
        return at(`expected ${recorded.length} items, got ${actual.length}`);
      return recorded.flatMap((r, i) => this.compare(r, actual[i], options, `${path}[${i}]`, field));
    }
    if (isObject(recorded)) {
      if (!isObject(actual)) return at(`expected an object, got ${describe(actual)}`);
      const expectedKeys = Object.keys(recorded).filter((k) => !options.drop?.has(k));
      const actualKeys = Object.keys(actual).filter((k) => !options.allowExtra?.has(k) || k in recorded);
      const problems: string[] = [];
      if (expectedKeys.join(',') !== actualKeys.join(',')) {
        problems.push(`${path}: fields [${actualKeys.join(',')}] instead of [${expectedKeys.join(',')}]`);
      }
      for (const k of expectedKeys) {
        if (k in actual) problems.push(...this.compare(recorded[k], actual[k], options, `${path}.${k}`, k));
      }
      return problems;
    }
    if (typeof recorded === 'string')
      return this.#compareString(recorded, actual, options, field).flatMap(at);
    if (typeof recorded === 'number') {
      // main's v2 timestamps are floats: a float must stay a float, an integer an integer.
      const float = !Number.isInteger(recorded);
      if (typeof actual !== 'number' || Number.isInteger(actual) === float)
        return at(`expected ${float ? 'a float' : 'an integer'}, got ${describe(actual)}`);
      if (TIME_FIELDS.has(field)) return [];
      if (LIVE_TTL_FIELDS.has(field))
        return Math.abs(actual - recorded) <= LIVE_TTL_SLACK ? [] : at(`${actual} is not ≈ ${recorded}`);
      return actual === recorded ? [] : at(`expected ${recorded}, got ${actual}`);
    }
    return actual === recorded ? [] : at(`expected ${JSON.stringify(recorded)}, got ${describe(actual)}`);
  }

  #compareString(recorded: string, actual: Json, options: CompareOptions, field: string): string[] {
    if (typeof actual !== 'string') return [`expected a string, got ${describe(actual)}`];
    if (field === 'shrimp') {
      const problem = /^[0-9a-z]{20,}$/.test(actual)
        ? this.shrimps.bind(recorded, actual)
        : `bad shrimp ${actual}`;
      return problem ? [problem] : [];
    }
    if (field === 'request_id') return REQUEST_ID.test(actual) ? [] : [`bad request_id ${actual}`];
    if (OBJID.test(recorded)) {
      const problem = OBJID.test(actual) ? this.owners.bind(recorded, actual) : `not an objid: ${actual}`;
      return problem ? [problem] : [];
    }
    if (TIME_FIELDS.has(field)) {
      const ok = recorded === '' ? actual === '' : /^\d+$/.test(actual);
      return ok ? [] : [`timestamp ${JSON.stringify(actual)} where ${JSON.stringify(recorded)} was recorded`];
    }
    if (KEY_FIELDS.has(field) && RECORDED_KEY.test(recorded)) {
      const problem = this.keys.bind(recorded, actual);
      return problem ? [problem] : [];
    }
    if (SHORT_KEY_FIELDS.has(field)) {
      const expected = this.#prefixes.get(recorded)?.slice(0, options.shortKeyLength ?? recorded.length);
      return expected === actual
        ? []
        : [`short key ${actual}, expected ${expected ?? `a prefix for ${recorded}`}`];
    }
    if (VALUE_FIELDS.has(field) && (options.generated || this.values.forward.has(recorded))) {
      if (actual.length !== recorded.length)
        return [`generated value of length ${actual.length}, not ${recorded.length}`];
      const problem = this.values.bind(recorded, actual);
      return problem ? [problem] : [];
    }
    const expected = this.substitute(recorded);
    return expected === actual ? [] : [`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
}

/** For answers the transcript cut short: the recorded field names must be a prefix of the actual ones. */
export function compareTruncated(recordedText: string, actualText: string): string[] {
  const names = (t: string) => [...t.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]);
  const recorded = names(recordedText);
  const actual = names(actualText).slice(0, recorded.length);
  return recorded.join(',') === actual.join(',')
    ? []
    : [`field sequence differs:\n recorded ${recorded.join(',')}\n actual   ${actual.join(',')}`];
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: Json): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
