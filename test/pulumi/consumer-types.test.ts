import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/built-package.ts';
import {
  type ConsumerProject,
  createConsumerProject,
  removePackedPackage,
} from './support/consumer-project.ts';

// A user's TypeScript program type-checks against the published package, whichever module settings its
// tsconfig.json has: the `pulumi new typescript` template (CommonJS, moduleResolution "node", which ignores
// `exports` and needs typesVersions), and the node16+/nodenext settings in CommonJS and ESM projects; and the
// example program with its own tsconfig.json.

const PROGRAM = `import type * as pulumi from '@pulumi/pulumi';
import { OneTimeSecret } from 'ots-handoff/pulumi';

const handoff = new OneTimeSecret('db-admin', { generate: true, length: 24, ttl: '7d', recipient: 'dba@example.com' });
export const link: pulumi.Output<string> = handoff.secretUrl;
export const expiresAt: pulumi.Output<string> = handoff.expiresAt;
export const granted: pulumi.Output<number> = handoff.ttl;

// @ts-expect-error ttl is seconds or a duration string, so a boolean must not type-check
new OneTimeSecret('wrong', { secret: 'x', ttl: true });
`;

const SETTINGS = {
  'template (commonjs, moduleResolution node)': {
    type: 'commonjs',
    compilerOptions: {
      module: 'commonjs',
      moduleResolution: 'node',
      target: 'es2020',
      ignoreDeprecations: '6.0',
    },
  },
  'commonjs, module nodenext': { type: 'commonjs', compilerOptions: { module: 'nodenext' } },
  'esm, module nodenext': { type: 'module', compilerOptions: { module: 'nodenext' } },
} as const;

const projects: ConsumerProject[] = [];
afterAll(() => {
  for (const project of projects) project.remove();
  removePackedPackage();
});

describe.each(Object.entries(SETTINGS))('a TypeScript program with %s', (_name, settings) => {
  it('type-checks against ots-handoff/pulumi, with real types rather than any', () => {
    const project = createConsumerProject(settings.type);
    projects.push(project);
    project.write('index.ts', PROGRAM);
    project.write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          ...settings.compilerOptions,
        },
        files: ['index.ts'],
      }),
    );
    expect(typeCheck(project)).toBe('');
  });
});

/** tsc's complaints about the project, '' when it type-checks. */
function typeCheck(project: ConsumerProject): string {
  const tsc = join(project.dir, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: project.dir, encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('examples/pulumi', () => {
  it('type-checks with its own tsconfig.json against the published package', () => {
    const project = createConsumerProject('commonjs');
    projects.push(project);
    for (const file of ['index.ts', 'tsconfig.json']) {
      project.write(file, readFileSync(join(REPO_ROOT, 'examples', 'pulumi', file), 'utf8'));
    }
    expect(typeCheck(project)).toBe('');
  });
});
