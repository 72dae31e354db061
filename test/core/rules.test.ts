// One rulebook: the validators return every problem, and each front end accepts and refuses exactly what core
// does, from one table (recipient, share-domain and length drifted apart before).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ActionInputError } from '../../action/errors.ts';
import { type InputName, readSettings } from '../../action/inputs.ts';
import {
  FINAL_STATES,
  isFinal,
  knownState,
  RECEIPT_STATES,
  RULES,
  validateBurn,
  validateClientOptions,
  validateGenerate,
  validateReveal,
  validateShare,
  validateWait,
} from '../../core/index.ts';
import { check } from '../../pulumi/provider/check.ts';

const account = { username: 'u@example.com', 'api-token': 't' };

function actionAccepts(inputs: Partial<Record<InputName, string>>): boolean {
  try {
    readSettings((name) => inputs[name] ?? '');
    return true;
  } catch (error) {
    if (error instanceof ActionInputError) return false;
    throw error;
  }
}

async function pulumiAccepts(news: Record<string, unknown>): Promise<boolean> {
  return ((await check({}, news)).failures ?? []).length === 0;
}

// [core field, action input, value, accepted]
const TABLE: Array<[string, InputName, string | number, boolean]> = [
  ['recipient', 'recipient', 'oncall@example.com', true],
  ['recipient', 'recipient', 'ops@localhost', false],
  ['recipient', 'recipient', 'two words@example.com', false],
  ['recipient', 'recipient', 'dörte@exämple.de', true],
  ['recipient', 'recipient', 'oncall\u200b@example.com', false],
  ['recipient', 'recipient', 'oncall@example.com\u202e', false],
  ['shareDomain', 'share-domain', 'secrets.example.com', true],
  ['shareDomain', 'share-domain', 'Secrets.Example.COM', true],
  ['shareDomain', 'share-domain', 'secrets.example.com:8443', false],
  ['shareDomain', 'share-domain', 'localhost', false],
  ['shareDomain', 'share-domain', 'https://secrets.example.com/', false],
  ['length', 'length', RULES.length.min, true],
  ['length', 'length', RULES.length.max, true],
  ['length', 'length', RULES.length.min - 1, false],
  ['length', 'length', RULES.length.max + 1, false],
];

describe('the same rule in every front end', () => {
  it.each(TABLE)('%s %j accepted: %s', async (field, input, value, accepted) => {
    const generating = field === 'length';
    const core = generating
      ? validateGenerate({ [field]: value as never }, { account: true })
      : validateShare('s3cret', { [field]: value as never }, { account: true });
    expect(core.length === 0).toBe(accepted);
    const payload = generating ? { generate: 'true' } : { secret: 's3cret' };
    expect(actionAccepts({ ...account, ...payload, [input]: String(value) })).toBe(accepted);
    const news = generating ? { generate: true } : { secret: 's3cret' };
    expect(await pulumiAccepts({ ...news, [field]: value })).toBe(accepted);
  });
});

describe('validators', () => {
  it('return every problem, each naming its field, never the secret', () => {
    const problems = validateShare('   ', {
      ttl: 'soon',
      recipient: 'nobody',
      shareDomain: 'https://x',
      timeoutMs: -1,
    });
    expect(problems.map((p) => p.field)).toEqual(['secret', 'ttl', 'recipient', 'shareDomain', 'timeoutMs']);
    expect(problems[0]?.message).toMatch(/^is only whitespace/);
    expect(validateShare('s3cret')).toEqual([]);
    expect(validateShare('x'.repeat(11), {}, { maxSecretBytes: 10 })[0]?.field).toBe('secret');
    expect(validateShare('x', { recipient: 'a@b.co' }, { account: false })[0]?.message).toMatch(/account/);
    expect(validateGenerate({ length: 3 })).toEqual([
      { field: 'length', message: '3 is not a whole number from 4 to 128.' },
    ]);
  });

  it('cover keys, waits and client options', () => {
    expect(validateReveal('abc', { passphrase: 42 as never }).map((p) => p.field)).toEqual([
      'secret key or link',
      'passphrase',
    ]);
    expect(validateBurn(`https://x.test/secret/${'a'.repeat(62)}`)[0]?.message).toMatch(/secret link/);
    expect(
      validateWait('a'.repeat(31), { until: ['opened' as never], intervalMs: 5 }).map((p) => p.field),
    ).toEqual(['until', 'intervalMs']);
    expect(
      validateClientOptions({
        region: 'mars' as never,
        username: 'u',
        apiVersion: 'v3' as never,
        maxRetries: 99,
      }).map((p) => p.field),
    ).toEqual(['region', 'apiToken', 'apiVersion', 'maxRetries']);
    expect(validateClientOptions({ region: 'eu' })).toEqual([]);
  });
});

describe('one state vocabulary', () => {
  it('final states are a subset of the states, and anything else is unknown', () => {
    for (const state of FINAL_STATES) expect(RECEIPT_STATES).toContain(state);
    expect(RECEIPT_STATES.filter(isFinal)).toEqual([...FINAL_STATES]);
    expect(knownState('burned')).toBe('burned');
    expect(knownState('constructor')).toBe('unknown');
    expect(knownState(42)).toBe('unknown');
  });
});

// The docs state the rulebook's ranges, defaults and choices; a rule changed in core fails here until they follow.
describe('docs tell the rulebook', () => {
  const root = new URL('../../', import.meta.url);
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8').replaceAll('\r\n', '\n');
  const docs = [
    read('README.md'),
    ...(existsSync(new URL('docs/', root))
      ? readdirSync(new URL('docs/', root))
          .filter((f) => f.endsWith('.md'))
          .map((f) => read(`docs/${f}`))
      : []),
  ].join('\n');
  const action = yaml.load(read('action.yml')) as {
    inputs: Record<string, { description: string; default?: string }>;
  };
  const { min, max, default: length } = RULES.length;

  it('action.yml: length range and both defaults, region and api-version choices and defaults', () => {
    const text = (name: string) => action.inputs[name]?.description.replace(/\s+/g, ' ') ?? '';
    expect(text('length')).toContain(`${min} to ${max}`);
    expect(text('length')).toMatch(new RegExp(`Default ${length.server} when the server generates it`));
    expect(text('length')).toMatch(new RegExp(`${length.client} with \`api-version: v2\``));
    expect(action.inputs.region?.default).toBe(RULES.region.default);
    for (const region of RULES.region.choices) expect(text('region')).toContain(`\`${region}\``);
    expect(action.inputs['api-version']?.default).toBe(RULES.apiVersion.default);
    for (const version of RULES.apiVersion.choices) expect(text('api-version')).toContain(`\`${version}\``);
    expect(text('share-domain')).toContain(RULES.shareDomain.example);
    expect(text('share-domain')).toMatch(/without `https:\/\/`, a port or a path/);
  });

  it('the Pulumi and library docs: the same length range and defaults', () => {
    expect(docs).toContain(
      `\`length\` (only with \`generate\`, ${min}–${max}; default ${length.server}, or ${length.client}`,
    );
    expect(docs).toContain(`default length ${length.server})`);
    expect(docs).toContain(`(default length ${length.client},`);
    expect(read('pulumi/args.ts')).toContain(
      `Length of the generated password, ${min} to ${max} (only with \`generate\`): default ${length.server}, or ${length.client} with apiVersion v2.`,
    );
  });
});
