/** Request parameters as Rack sees them: strings, lists (`a[]=`) and nested objects (`a[b]=`), or JSON values. */
export type Params = Record<string, unknown>;

export class BadRequest extends Error {}

const MAX_DEPTH = 32;

function emptyParams(): Params {
  // No prototype, so keys such as __proto__ stay plain data.
  return Object.create(null) as Params;
}

function isObject(value: unknown): value is Params {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Splits `secret[ttl]` into ['secret', 'ttl'] and `recipient[]` into ['recipient', '']. */
function keyPath(name: string): string[] {
  const open = name.indexOf('[');
  if (open <= 0) return [name];
  const parts = [name.slice(0, open)];
  const rest = name.slice(open);
  const groups = rest.match(/\[([^[\]]*)\]/g);
  if (!groups || groups.join('') !== rest) return [name];
  for (const g of groups) parts.push(g.slice(1, -1));
  if (parts.length > MAX_DEPTH) throw new BadRequest('parameters nested too deeply');
  return parts;
}

function assign(target: Params, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (rest[0] === '' && rest.length === 1) {
    const existing = target[head];
    if (existing === undefined) target[head] = [value];
    else if (Array.isArray(existing)) existing.push(value);
    else throw new BadRequest(`expected a list for ${head}`);
    return;
  }
  let child = target[head];
  if (child === undefined) {
    child = emptyParams();
    target[head] = child;
  }
  if (!isObject(child)) throw new BadRequest(`expected an object for ${head}`);
  assign(child, rest, value);
}

export function paramsFromPairs(pairs: Iterable<[string, string]>, into: Params = emptyParams()): Params {
  for (const [name, value] of pairs) assign(into, keyPath(name), value);
  return into;
}

/** Body parameters win over query-string ones, as in Rack's req.params. */
export function mergeParams(query: Params, body: Params): Params {
  const merged = emptyParams();
  Object.assign(merged, query, body);
  return merged;
}

export function parseJsonObject(body: Buffer): Params | undefined {
  if (body.length === 0) return emptyParams();
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequest('malformed JSON body');
  }
  if (!isObject(value)) return undefined;
  const params = emptyParams();
  Object.assign(params, value);
  return params;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function obj(value: unknown): Params | undefined {
  return isObject(value) ? value : undefined;
}
