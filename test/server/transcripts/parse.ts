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
  request: RecordedRequest;
  status: number;
  contentType: string;
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

export const RECORDED_ORIGIN = 'http://127.0.0.1:7143';

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

function curlRequest(command: string): RecordedRequest {
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
    } else if (w === '--data-urlencode') {
      const d = next();
      const eq = d.indexOf('=');
      data.push(eq < 0 ? encodeURIComponent(d) : `${d.slice(0, eq)}=${encodeURIComponent(d.slice(eq + 1))}`);
    } else if (w.startsWith('http')) url = w;
    else throw new Error(`unsupported curl option ${w} in: ${command}`);
  }
  const hasData = data.length > 0 || bodyFile !== undefined;
  if (hasData && headers['content-type'] === undefined)
    headers['content-type'] = 'application/x-www-form-urlencoded';
  return {
    method: method ?? (hasData ? 'POST' : 'GET'),
    path: url.slice(RECORDED_ORIGIN.length),
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
    const body = lines.slice(4).join('\n');
    const before = text.slice(0, match.index);
    const section = [...before.matchAll(/^## (.*)$/gm)].at(-1)?.[1] ?? '';
    exchanges.push({
      transcript: file,
      number: Number(match[1]),
      title: match[2] ?? '',
      section,
      request: curlRequest(command),
      status,
      contentType,
      body,
    });
  }
  return exchanges;
}
