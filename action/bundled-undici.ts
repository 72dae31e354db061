// core/http/undici.ts loads undici with createRequire(import.meta.url)('undici') (a form Pulumi's function
// serialization can follow). ncc cannot see through that call, so the bundle would require 'undici' from
// node_modules at run time, and an installed action has none: every run would fail with "Cannot find module".
// This module is imported first by action/index.ts: it bundles undici through a static import and answers
// that one runtime require with it, through Node's synchronous module hooks (Node >= 22.15; the action runs on 24).
// Remove it if core ever imports undici statically: then the hook is never consulted.
import { registerHooks } from 'node:module';
import * as undici from 'undici';

const BUNDLED_UNDICI_URL = 'ots-handoff:bundled-undici';
const GLOBAL_KEY = Symbol.for('ots-handoff.bundled-undici');

(globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = undici;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'undici') return { url: BUNDLED_UNDICI_URL, format: 'commonjs', shortCircuit: true };
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url !== BUNDLED_UNDICI_URL) return nextLoad(url, context);
    return {
      format: 'commonjs',
      source: "module.exports = globalThis[Symbol.for('ots-handoff.bundled-undici')];",
      shortCircuit: true,
    };
  },
});
