// Stand-ins for Node built-ins that undici requires when it loads but that a plain HTTP/1.1 exchange never uses.
// The action bundle (scripts/build-action.ts) gets these instead, and each loads the real module on first use
// (process.getBuiltinModule), so a run that never needs it never pays for it.
import { constants } from 'node:http2';

/** CommonJS source of each stand-in, by the specifier undici requires. */
export const LAZY_BUILTINS: Readonly<Record<string, string>> = {
  // node:http2 brings tls and crypto with it, although an HTTP/2 session exists only when a server picks h2 in
  // ALPN. undici's client-h2 reads `constants` when it loads (RFC 9113 values, copied from this Node at build
  // time) and `connect` when it opens a session.
  'node:http2': [
    `exports.constants = ${JSON.stringify(constants)};`,
    `exports.connect = (...args) => process.getBuiltinModule('node:http2').connect(...args);`,
  ].join('\n'),
};
