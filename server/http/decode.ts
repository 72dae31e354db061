import { BadRequest, type Params, paramsFromPairs, parseJsonObject } from './params.ts';
import { rackPairs } from './query.ts';

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isJson(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === 'application/json' || type.endsWith('+json');
}

async function multipartParams(body: Buffer, contentType: string): Promise<Params> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new BadRequest('malformed multipart body');
  }
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of form.entries()) {
    pairs.push([name, typeof value === 'string' ? value : await value.text()]);
  }
  return paramsFromPairs(pairs);
}

/**
 * Body parameters the way Rack reads them: form-urlencoded, also when no Content-Type is sent;
 * multipart; JSON only where the API parses it. Any other media type leaves the body unread.
 */
export async function bodyParams(
  body: Buffer,
  contentType: string | undefined,
  options: { json: boolean },
): Promise<Params> {
  const type = mediaType(contentType);
  if (type === '' || type === 'application/x-www-form-urlencoded') {
    return paramsFromPairs(rackPairs(body.toString('utf8'), '&'));
  }
  if (type === 'multipart/form-data') return multipartParams(body, contentType ?? '');
  if (options.json && isJson(contentType)) return parseJsonObject(body) ?? paramsFromPairs([]);
  return paramsFromPairs([]);
}
