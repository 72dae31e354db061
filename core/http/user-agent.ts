import { VERSION } from '../version.ts';

export const DEFAULT_USER_AGENT = `ots-handoff/${VERSION} (+node ${process.version})`;
