// The one place undici is loaded. Loaded through require so that code serialized by Pulumi's dynamic provider
// refers to it as require('undici') instead of an ESM namespace it cannot capture.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const undici: typeof import('undici') = require('undici');
export type { Dispatcher } from 'undici';
