// Defensive readers for OTS JSON: the same field arrives as a number, a numeric string, "" or null
// depending on the server version and the endpoint. Also what v1 and v2 read or send alike.
import type { ServerStatus } from '../options.ts';
import type { CreateInput, Json } from './api.ts';
import { unexpected } from './unexpected.ts';

export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  const n =
    typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** Recipients come as an array (v1), a comma-separated string or "" (v2). */
export function strings(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',').map((s) => s.trim())
      : [];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** First present value among several field names (aliases across versions). */
export function pick(record: Json, ...names: string[]): unknown {
  return names.map((name) => record[name]).find((value) => value != null && value !== '');
}

/** An object, or a format error naming `what`. */
export function record(value: unknown, what: string): Json {
  const json = obj(value);
  if (json === undefined) throw unexpected(`expected a JSON object for ${what}`);
  return json;
}

/** The create parameters in the order and under the names both versions send; unset ones are dropped later. */
export function createParams(input: CreateInput): Record<string, string | number | undefined> {
  const { secret, ttl, passphrase, recipient, shareDomain, length } = input;
  return { secret, ttl, passphrase, recipient, share_domain: shareDomain, length };
}

export function readStatus(body: unknown): ServerStatus {
  const status = str(obj(body)?.status);
  if (status === undefined) throw unexpected('the status answer has no status');
  const locale = str(obj(body)?.locale);
  return locale === undefined ? { status } : { status, locale };
}

/** The fields of a reveal answer, whichever API named them, as one Revealed (or a format error). */
export function toRevealed(value: unknown, secretKey: unknown, shareDomain: unknown, valueField: string) {
  const key = str(secretKey);
  if (typeof value !== 'string' || key === undefined) throw unexpected(`the answer has no ${valueField}`);
  const domain = str(shareDomain);
  return domain === undefined ? { value, secretKey: key } : { value, secretKey: key, shareDomain: domain };
}
