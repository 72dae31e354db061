// The action bundle gives undici a stand-in for node:http2 (scripts/lazy-builtins.ts) that loads the real module on
// first use. It must behave as node:http2, and a plain HTTP/1.1 share through the committed bundle must not load
// node:http2 or the tls it brings.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAZY_BUILTINS } from '../../scripts/lazy-builtins.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { installAction, runAction } from './support/action-runner.ts';

/** Evaluates a stand-in's CommonJS source as the bundle does. */
function standIn(specifier: string): Record<string, unknown> {
  const module = { exports: {} as never };
  new Function('exports', 'module', LAZY_BUILTINS[specifier] ?? '')(module.exports, module);
  return module.exports;
}

describe('the node:http2 stand-in', () => {
  it('has the constants of node:http2, which undici reads when it loads', () => {
    expect(standIn('node:http2').constants).toEqual({ ...http2.constants });
  });

  it('opens a real HTTP/2 session with node:http2 when a session is asked for', async () => {
    const server = http2.createServer((_request, response) => response.end('over h2'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const connect = standIn('node:http2').connect as typeof http2.connect;
    const session = connect(`http://127.0.0.1:${port}`);
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const stream = session.request({ ':path': '/' });
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          text += chunk;
        });
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
      expect(session.alpnProtocol).toBe('h2c');
      expect(body).toBe('over h2');
    } finally {
      session.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a share through the committed bundle', () => {
  let server: OtsServer;
  beforeAll(async () => {
    server = await startOtsServer();
  });
  afterAll(() => server.close());

  it('loads neither node:http2 nor node:tls', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ots-builtins-'));
    const list = join(scratch, 'modules.txt');
    const preload = join(scratch, 'record-modules.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`,
    );
    const run = await runAction(installAction(), {
      inputs: { secret: 'lazy-builtins', 'base-url': server.url, summary: 'false' },
      env: { NODE_OPTIONS: `--require ${JSON.stringify(preload)}` },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['secret-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/secret\//);
    const loaded = readFileSync(list, 'utf8').split('\n');
    // The list is real: the exchange itself needed node:http.
    expect(loaded).toContain('NativeModule http');
    expect(loaded.filter((name) => /^NativeModule (http2|tls)$/.test(name))).toEqual([]);
  });
});
