import { isOtsError, type OtsError } from '../../core/index.ts';

// The host passes only `message` on to the engine, so the message has to say what failed and what to check.
// OtsError messages are safe to repeat (no secrets, keys shortened); anything else is reduced to its message.

const HINTS: Partial<Record<OtsError['code'], string>> = {
  unauthorized:
    'Check the credentials: ots-handoff:username and ots-handoff:apiToken in the stack config, or OTS_USERNAME and OTS_API_TOKEN.',
  network:
    'Check ots-handoff:baseUrl / ots-handoff:region (or OTS_BASE_URL / OTS_REGION) and that the server is reachable.',
  timeout: 'The server did not answer in time; run the command again once it is reachable.',
  rate_limited: 'The server is rate limiting this account; wait and run the command again.',
  server_error: 'The OTS server failed; run the command again later.',
};

export function providerFailure(action: string, error: unknown): Error {
  if (isOtsError(error)) {
    const hint = HINTS[error.code];
    const failure = new Error(
      `ots-handoff: ${action} failed (${error.code}): ${error.message}${hint ? ` ${hint}` : ''}`,
    );
    Object.defineProperty(failure, 'code', { value: error.code, enumerable: true });
    return failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`ots-handoff: ${action} failed: ${message}`);
}
