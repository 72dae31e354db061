import { type CompareOptions, type Correspondence, compareTruncated } from './compare.ts';
import type { Exchange } from './parse.ts';
import type { Replayed } from './replay.ts';

/** What an answer must look like; by default exactly the recorded one. */
export interface Expectation {
  status?: number;
  contentType?: string;
  /** X-OTS-Intended-Status (main only); undefined = must be absent. */
  intendedStatus?: string | undefined;
  /** Rewrites a copy of the recorded body before it is compared. */
  patch?: (recorded: unknown) => unknown;
  /** Replaces the structural comparison with checks of its own (returns problems). */
  check?: (actual: unknown) => string[];
  compare?: Partial<CompareOptions>;
}

export function isGenerate(exchange: Exchange): boolean {
  return /\/generate(\?|$)/.test(exchange.request.path);
}

export function label(e: Exchange): string {
  return `${e.transcript.replace(/^(v0\.23\.6|main-de53ff8)-/, '').replace('.md', '')}#${e.number} ${e.title}`;
}

/** Every way the local answer differs from the expectation, as readable lines. */
export function differences(
  result: Replayed,
  correspondence: Correspondence,
  expectation: Expectation = {},
): string[] {
  const { exchange } = result;
  const problems: string[] = [];
  const status = expectation.status ?? exchange.status;
  const contentType = expectation.contentType ?? exchange.contentType;
  if (result.status !== status) problems.push(`status ${result.status}, expected ${status}`);
  if (result.contentType !== contentType)
    problems.push(`content type ${result.contentType}, expected ${contentType}`);
  const intended = result.headers.get('x-ots-intended-status') ?? undefined;
  const expectedIntended =
    'intendedStatus' in expectation ? expectation.intendedStatus : exchange.headers['x-ots-intended-status'];
  if (intended !== expectedIntended) {
    problems.push(`X-OTS-Intended-Status ${intended}, expected ${expectedIntended}`);
  }
  const retryAfter = exchange.headers['retry-after'];
  if (retryAfter !== undefined && result.headers.get('retry-after') !== retryAfter) {
    problems.push(`Retry-After ${result.headers.get('retry-after')}, expected ${retryAfter}`);
  }
  let actual: unknown;
  try {
    actual = JSON.parse(result.text);
  } catch {
    return [...problems, `answer is not JSON: ${result.text.slice(0, 200)}`];
  }
  // main names the request in X-Request-Id and, on errors, in the body's request_id: the two agree.
  if (exchange.headers['x-request-id'] !== undefined) {
    const id = result.headers.get('x-request-id');
    const inBody = (actual as { request_id?: unknown } | null)?.request_id;
    if (id === null || id !== inBody) problems.push(`X-Request-Id ${id} does not match request_id ${inBody}`);
  }
  if (expectation.check) return [...problems, ...expectation.check(actual)];
  let recorded: unknown;
  try {
    recorded = JSON.parse(exchange.body);
  } catch {
    return [...problems, ...compareTruncated(exchange.body, result.text)];
  }
  if (expectation.patch) recorded = expectation.patch(structuredClone(recorded));
  const options: CompareOptions = { generated: isGenerate(exchange), ...expectation.compare };
  return [...problems, ...correspondence.compare(recorded, actual, options)];
}
