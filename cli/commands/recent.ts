// ots recent: the account's recent receipts, one line each (receipt key, state, created, expires).
import type { Command } from '../command.ts';
import { writeJson } from '../output.ts';

export const recent: Command = {
  name: 'recent',
  summary: "list the account's recent receipts",
  usage: '[options]',
  description: [
    'Needs an account (--username or OTS_USERNAME, and OTS_API_TOKEN or --api-token-file). stdout gets one',
    'tab-separated line per receipt: receipt key, state, created, expires. --json prints the receipts.',
  ].join('\n'),
  connects: true,
  positionals: { min: 0, max: 0 },
  options: {},
  async run(context) {
    const { io } = context;
    const client = await context.client();
    const receipts = await client.recent();
    if (context.values.json === true) {
      writeJson(io.stdout, receipts);
      return 0;
    }
    for (const r of receipts) {
      io.stdout.write(
        `${[r.receiptKey, r.state, r.createdAt?.toISOString() ?? '-', r.expiresAt?.toISOString() ?? '-'].join('\t')}\n`,
      );
    }
    if (receipts.length === 0) context.note('No recent receipts.');
    return 0;
  },
};
