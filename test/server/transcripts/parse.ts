import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellWords } from './shell-words.ts';

/** One recorded call: the curl command as a request, and the answer the real server gave. */
export interface Exchange {
  transcript: string;
  number: number;
  title: string;
  section: string;
  /** The recorded server's origin, which answers link to and requests were sent to. */
  origin: string;
  request: RecordedRequest;
  status: number;
  contentType: string;
  /** The other recorded response headers (X-OTS-Intended-Status, Retry-After, X-Request-Id…), lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, relative to the recorded origin. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** --data @file: the body comes from a file the transcript does not include. */
  bodyFile: string | undefined;
  user: string | undefined;
}

/** The origin a transcript was recorded against, from its title line ("… against http://127.0.0.1:N"). */
function recordedOrigin(text: string, file: string): string {
  const origin = /^# .* against (http:\/\/[^\s/]+)/m.exec(text)?.[1];
  if (!origin) throw new Error(`${file}: no "against <origin>" in the title`);
  return origin;
}

/**
 * The recordings are vendored in ./recorded so the replay runs on any clone (GitHub CI has no ../shared);
 * recorded.test.ts keeps them identical to ../shared/reference/ots-transcripts where that exists.
 */
export function transcriptsDir(): string {
  const dir = process.env.OTS_TRANSCRIPTS_DIR ?? fileURLToPath(new URL('./recorded/', import.meta.url));
  if (!existsSync(dir)) {
    throw new Error(
      `OTS transcripts not found at ${dir}. They are the real-server recordings this test replays; ` +
        'restore test/server/transcripts/recorded (or set OTS_TRANSCRIPTS_DIR) to run it.',
    );
  }
  return dir;
}

const X = (n: number) => 'x'.repeat(n);
const CHECKS = '\u2713'.repeat(3334);
/** main-de53ff8-v2.md's "Too-long secret" section says what its files held. */
const STAND_INS: Record<string, string> = {
  'x10001.txt': X(10_001),
  'x10000.txt': X(10_000),
  'check3334.txt': CHECKS,
  'conceal-10001.json': JSON.stringify({ secret: { secret: X(10_001), ttl: 600 } }),
  'conceal-10000.json': JSON.stringify({ secret: { secret: X(10_000), ttl: 600 } }),
  'conceal-check3334.json': JSON.stringify({ secret: { secret: CHECKS, ttl: 600 } }),
};

function standIn(file: string, command: string): string {
  const content = STAND_INS[file];
  if (content === undefined) throw new Error(`no stand-in for ${file} in: ${command}`);
  return content;
}

function curlRequest(command: string, origin: string): RecordedRequest {
  const words = shellWords(command.replace(/^\$\s*/, ''));
  if (words[0] !== 'curl') throw new Error(`not a curl command: ${command}`);
  let method: string | undefined;
  let url = '';
  let user: string | undefined;
  let bodyFile: string | undefined;
  const data: string[] = [];
  const headers: Record<string, string> = {};
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    const next = () => words[++i] as string;
    if (w === '-X') method = next();
    else if (w === '-u') user = next();
    else if (w === '-H') {
      const h = next();
      const colon = h.indexOf(':');
      headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
    } else if (w === '-d' || w === '--data') {
      const d = next();
      if (d.startsWith('@')) bodyFile = d.slice(1);
      else data.push(d);
    } else if (w === '--data-binary') {
      const d = next();
      data.push(d.startsWith('@') ? standIn(d.slice(1), command) : d);
    } else if (w === '--data-urlencode') {
      const d = next();
      const eq = d.indexOf('=');
      const at = d.indexOf('@');
      if (at > 0 && (eq < 0 || at < eq)) {
        data.push(`${d.slice(0, at)}=${encodeURIComponent(standIn(d.slice(at + 1), command))}`);
      } else {
        data.push(
          eq < 0 ? encodeURIComponent(d) : `${d.slice(0, eq)}=${encodeURIComponent(d.slice(eq + 1))}`,
        );
      }
    } else if (w.startsWith('http')) url = w;
    else throw new Error(`unsupported curl option ${w} in: ${command}`);
  }
  const hasData = data.length > 0 || bodyFile !== undefined;
  if (hasData && headers['content-type'] === undefined)
    headers['content-type'] = 'application/x-www-form-urlencoded';
  return {
    method: method ?? (hasData ? 'POST' : 'GET'),
    path: url.slice(origin.length),
    headers,
    body: data.length > 0 ? data.join('&') : undefined,
    bodyFile,
    user,
  };
}

/** Reads every "### N. title" call of a transcript file. */
export function parseTranscript(dir: string, file: string): Exchange[] {
  const text = readFileSync(join(dir, file), 'utf8');
  const exchanges: Exchange[] = [];
  const origin = recordedOrigin(text, file);
  const heading = /^### (\d+)\. (.*)$/gm;
  const starts = [...text.matchAll(heading)];
  for (const [index, match] of starts.entries()) {
    const start = (match.index ?? 0) + match[0].length;
    const end = starts[index + 1]?.index ?? text.length;
    const block = /```\n([\s\S]*?)\n```/.exec(text.slice(start, end))?.[1];
    if (!block) throw new Error(`${file} #${match[1]}: no code block`);
    const lines = block.split('\n');
    const command = lines[0] ?? '';
    const status = Number(/^HTTP (\d{3})$/.exec(lines[1] ?? '')?.[1]);
    const contentType = /^Content-Type: (.*)$/.exec(lines[2] ?? '')?.[1] ?? '';
    const blank = lines.indexOf('', 2);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(3, blank < 0 ? lines.length : blank)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const body = blank < 0 ? '' : lines.slice(blank + 1).join('\n');
    const before = text.slice(0, match.index);
    const section = [...before.matchAll(/^## (.*)$/gm)].at(-1)?.[1] ?? '';
    exchanges.push({
      transcript: file,
      number: Number(match[1]),
      title: match[2] ?? '',
      section,
      origin,
      request: curlRequest(command, origin),
      status,
      contentType,
      headers,
      body,
    });
  }
  return exchanges;
}
