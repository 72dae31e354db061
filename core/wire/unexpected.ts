import { OtsServerError } from '../errors/kinds.ts';

/** A 2xx answer we cannot read: say what was missing, never echo the body (it may hold the secret). */
export function unexpected(what: string): OtsServerError {
  return new OtsServerError(`the server's answer is not in a format this client understands: ${what}.`);
}
