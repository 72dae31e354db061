import './bundled-undici.ts';
import { run } from './main.ts';

await run();
