// The command table: `ots --help` lists it in this order. A new command is one file and one line here.
import type { Command } from '../command.ts';
import { burn } from './burn.ts';
import { generate } from './generate.ts';
import { get } from './get.ts';
import { receipt } from './receipt.ts';
import { recent } from './recent.ts';
import { serve } from './serve.ts';
import { share } from './share.ts';
import { wait } from './wait.ts';

export const COMMANDS: ReadonlyArray<Command> = [share, generate, get, receipt, burn, wait, recent, serve];
