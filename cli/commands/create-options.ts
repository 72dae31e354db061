// The flags share and generate have in common, and their translation to core's ShareOptions.
import type { ShareOptions } from '../../core/index.ts';
import type { Context, OptionSpec } from '../command.ts';
import { readSmallSecretFile } from '../input.ts';

export const CREATE_OPTIONS: Record<string, OptionSpec> = {
  ttl: {
    type: 'string',
    value: 'DURATION',
    help: 'how long the link lives: 3600, 90s, 15m, 2h, 7d, 1w (default: server)',
  },
  'passphrase-file': {
    type: 'string',
    value: 'FILE',
    help: 'a passphrase the recipient must type, read from FILE (one trailing line break is dropped)',
  },
  recipient: {
    type: 'string',
    value: 'EMAIL',
    help: 'OTS emails the link to this address (needs an account); repeat it for several people, each gets a link of their own',
    multiple: true,
  },
  'share-domain': {
    type: 'string',
    value: 'DOMAIN',
    help: "a custom domain of the account for the link's host",
  },
};

export async function createOptions(context: Context): Promise<ShareOptions> {
  const { values } = context;
  const options: ShareOptions = {};
  if (typeof values.ttl === 'string') options.ttl = values.ttl;
  if (typeof values['passphrase-file'] === 'string') {
    options.passphrase = await readSmallSecretFile(values['passphrase-file'], '--passphrase-file');
    context.sensitive.add(options.passphrase);
  }
  const recipients = recipientsOf(context);
  if (recipients.length === 1) options.recipient = recipients[0] as string;
  if (typeof values['share-domain'] === 'string') options.shareDomain = values['share-domain'];
  return options;
}

/** Every --recipient given, in order (several mean one link per recipient: hand-over-many.ts). */
export function recipientsOf(context: Context): string[] {
  const given = context.values.recipient;
  if (given === undefined) return [];
  return Array.isArray(given) ? given : typeof given === 'string' ? [given] : [];
}

export async function passphraseOption(context: Context): Promise<{ passphrase?: string }> {
  const file = context.values['passphrase-file'];
  if (typeof file !== 'string') return {};
  const passphrase = await readSmallSecretFile(file, '--passphrase-file');
  context.sensitive.add(passphrase);
  return { passphrase };
}
