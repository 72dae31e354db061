import type { OtsServer } from '../../server/index.ts';

export const TESTER = {
  username: 'tester@example.com',
  apiToken: 'testtoken0123456789abcdef0123456789abcdef',
};

export function basic(username: string, token: string): string {
  return `Basic ${Buffer.from(`${username}:${token}`).toString('base64')}`;
}

export const TESTER_AUTH = basic(TESTER.username, TESTER.apiToken);

export interface Answer {
  status: number;
  contentType: string | null;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON shapes
  json: any;
}

/** One request with fetch (undici), answer read completely. */
export async function call(
  server: OtsServer,
  method: string,
  path: string,
  options: {
    form?: Record<string, string>;
    json?: unknown;
    body?: NonNullable<RequestInit['body']>;
    headers?: Record<string, string>;
    auth?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = options.auth;
  let body: NonNullable<RequestInit['body']> | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    headers: res.headers,
    text,
    json,
  };
}
