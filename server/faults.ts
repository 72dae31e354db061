import { JSON_UTF8, type Reply } from './http/reply.ts';

export type Fault = {
  method?: string;
  /** Matched against the path without the query, with or without the base path. */
  path?: string | RegExp;
  times?: number;
} & (
  | { type: 'delay'; ms: number }
  | { type: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  | { type: 'reset' }
  | { type: 'truncate' }
  | { type: 'html'; status?: number }
  | { type: 'rate-limit'; retryAfter?: number }
);

interface Pending {
  fault: Fault;
  left: number;
}

/** Injected failures, consumed in the order they were added by the first requests that match. */
export class FaultQueue {
  #pending: Pending[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`fault.times must be an integer >= 1, got ${times}`);
    this.#pending.push({ fault, left: times });
  }

  clear(): void {
    this.#pending = [];
  }

  take(method: string, paths: string[]): Fault | undefined {
    const index = this.#pending.findIndex(({ fault }) => matches(fault, method, paths));
    const entry = this.#pending[index];
    if (!entry) return undefined;
    entry.left--;
    if (entry.left === 0) this.#pending.splice(index, 1);
    return entry.fault;
  }
}

function matches(fault: Fault, method: string, paths: string[]): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  const pattern = fault.path;
  if (pattern === undefined) return true;
  return paths.some((p) => (typeof pattern === 'string' ? p === pattern : pattern.test(p)));
}

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The canned answer of a fault that replaces the real response, if it is one. */
export function faultReply(fault: Fault): Reply | undefined {
  switch (fault.type) {
    case 'status':
      return {
        status: fault.status,
        body: fault.body ?? '',
        contentType:
          fault.contentType ?? (fault.body === undefined ? 'text/plain; charset=utf-8' : JSON_UTF8),
        ...(fault.headers ? { headers: fault.headers } : {}),
      };
    case 'html': {
      const status = fault.status ?? 502;
      const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
      return {
        status,
        body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
        contentType: 'text/html',
      };
    }
    case 'rate-limit': {
      const retryAfter = fault.retryAfter ?? 1;
      return {
        status: 429,
        body: JSON.stringify({
          error: 'Too Many Requests',
          error_type: 'RateLimited',
          retry_after: retryAfter,
        }),
        contentType: JSON_UTF8,
        headers: { 'Retry-After': String(retryAfter) },
      };
    }
    default:
      return undefined;
  }
}
