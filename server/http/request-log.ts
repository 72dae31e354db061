/** One request as the server saw it: enough for tests to count and classify calls, never a body. */
export interface RequestLogEntry {
  method: string;
  path: string;
  contentType?: string;
  hasAuth: boolean;
}

/** Paths are kept to this many characters, so one huge URL cannot hold megabytes in the log. */
const MAX_PATH = 2048;

export const DEFAULT_REQUEST_LOG_SIZE = 10_000;

/**
 * The last `capacity` requests, oldest first, in a fixed-size ring: a long-running server (or a
 * soak test) keeps flat memory however many requests it answers. Reads look like a read-only
 * array (length, index order, slice/filter/map/…); `length = 0` clears it.
 */
export class RequestLog implements Iterable<RequestLogEntry> {
  readonly capacity: number;
  readonly #ring: Array<RequestLogEntry | undefined>;
  #start = 0;
  #size = 0;
  /** Every request ever logged, including those the ring has since dropped. */
  #total = 0;

  constructor(capacity: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`requestLogSize must be a whole number of at least 1, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#ring = new Array(capacity);
  }

  push(entry: RequestLogEntry): void {
    const kept =
      entry.path.length > MAX_PATH ? { ...entry, path: `${entry.path.slice(0, MAX_PATH)}…` } : entry;
    this.#ring[(this.#start + this.#size) % this.capacity] = kept;
    if (this.#size < this.capacity) this.#size++;
    else this.#start = (this.#start + 1) % this.capacity;
    this.#total++;
  }

  get length(): number {
    return this.#size;
  }

  /** Only `length = 0` is meaningful: it forgets every entry (the total count stays). */
  set length(value: number) {
    if (value !== 0) throw new RangeError('a request log can only be cleared (length = 0)');
    this.#ring.fill(undefined);
    this.#start = 0;
    this.#size = 0;
  }

  get total(): number {
    return this.#total;
  }

  toArray(): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    for (let i = 0; i < this.#size; i++)
      out.push(this.#ring[(this.#start + i) % this.capacity] as RequestLogEntry);
    return out;
  }

  [Symbol.iterator](): Iterator<RequestLogEntry> {
    return this.toArray()[Symbol.iterator]();
  }

  at(index: number): RequestLogEntry | undefined {
    return this.toArray().at(index);
  }

  slice(start?: number, end?: number): RequestLogEntry[] {
    return this.toArray().slice(start, end);
  }

  filter(predicate: (entry: RequestLogEntry, index: number) => unknown): RequestLogEntry[] {
    return this.toArray().filter(predicate);
  }

  map<T>(fn: (entry: RequestLogEntry, index: number) => T): T[] {
    return this.toArray().map(fn);
  }

  some(predicate: (entry: RequestLogEntry, index: number) => unknown): boolean {
    return this.toArray().some(predicate);
  }

  every(predicate: (entry: RequestLogEntry, index: number) => unknown): boolean {
    return this.toArray().every(predicate);
  }

  find(predicate: (entry: RequestLogEntry, index: number) => unknown): RequestLogEntry | undefined {
    return this.toArray().find(predicate);
  }
}
