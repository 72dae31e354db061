// Reading what the user hands over: the secret (stdin or a file, byte for byte) and small secret files (passphrase,
// API token). Error messages name the flag, never the path's content or the argument itself: a secret typed where a
// path belongs must not be echoed back.
import { open } from 'node:fs/promises';
import { OtsInputError } from '../core/index.ts';
import type { Io } from './io.ts';

/** Far above any OTS plan's limit (core refuses over 10 000 bytes with the exact size); stops /dev/zero. */
export const MAX_INPUT_BYTES = 1024 * 1024;

// fatal: binary input is refused instead of being altered; ignoreBOM: a leading BOM is part of the value.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The secret from stdin ('-') or a file, as exact UTF-8 text. */
export async function readSecretInput(source: string, io: Io, name: string): Promise<string> {
  const bytes =
    source === '-' ? await readStream(io.stdin, name) : await readFileBounded(source, name, MAX_INPUT_BYTES);
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new OtsInputError(
      `${name}: is not UTF-8 text (${bytes.length} bytes). OTS stores text; encode binary data first, ` +
        'e.g. `base64 < FILE | ots share`.',
      { field: name },
    );
  }
}

/** A passphrase or token file: its text without one trailing line break (`echo x > f` adds one). */
export async function readSmallSecretFile(path: string, flag: string): Promise<string> {
  const bytes = await readFileBounded(path, flag, 64 * 1024);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new OtsInputError(`${flag}: the file is not UTF-8 text.`, { field: flag });
  }
  text = text.replace(/\r?\n$/, '');
  if (text === '') throw new OtsInputError(`${flag}: the file is empty.`, { field: flag });
  // A passphrase is typed by a person and a token is compared byte for byte: an invisible mark in front (Notepad
  // writes one) would make the secret unopenable or the login fail, so it is refused rather than kept or dropped.
  if (text.startsWith('\uFEFF')) {
    throw new OtsInputError(
      `${flag}: the file starts with a UTF-8 byte-order mark (EF BB BF), which nobody can type; ` +
        'save it as UTF-8 without BOM.',
      { field: flag },
    );
  }
  return text;
}

async function readFileBounded(path: string, name: string, limit: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new OtsInputError(
      `${name}: cannot open the file given (${systemCode(error)}).${
        name === 'FILE'
          ? ' To share a value typed on the command line, use --secret-arg (other users of this machine can read command lines).'
          : ''
      }`,
      { field: name },
    );
  }
  try {
    return await collect(handle.createReadStream(), name, limit);
  } catch (error) {
    if (error instanceof OtsInputError) throw error;
    throw new OtsInputError(`${name}: cannot read the file given (${systemCode(error)}).`, { field: name });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function readStream(stream: NodeJS.ReadableStream, name: string): Promise<Buffer> {
  return collect(stream, name, MAX_INPUT_BYTES);
}

async function collect(stream: NodeJS.ReadableStream, name: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) {
      throw new OtsInputError(`${name}: is larger than ${limit} bytes; nothing was sent.`, { field: name });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function systemCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}
