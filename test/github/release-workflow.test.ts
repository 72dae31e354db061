import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';

// .github/workflows/release.yml only runs on a tag push, so nothing exercises it before the first release.
// This pins down its shape (triggers, job order, permissions, what each job runs) and runs the shell step
// that moves the major tag against a scratch git repository and remote.
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
const workflow = load(
  readFileSync(new URL('../../.github/workflows/release.yml', import.meta.url), 'utf8'),
) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const { jobs } = workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

/** GitHub's tag filter glob, for the patterns used here: [0-9] classes and + for "one or more". */
function tagFilter(pattern: string): RegExp {
  return new RegExp(`^${pattern.replaceAll('.', '\\.')}$`);
}

describe('release.yml', () => {
  it('runs on vX.Y.Z tags only', () => {
    const [pattern] = workflow.on.push.tags;
    expect(workflow.on.push.tags).toHaveLength(1);
    const filter = tagFilter(pattern as string);
    for (const tag of ['v1.0.0', 'v1.2.3', 'v10.20.30']) expect(tag).toMatch(filter);
    for (const tag of ['v1', 'v1.2', 'v1.2.3-rc.1', '1.2.3', 'latest']) expect(tag).not.toMatch(filter);
    expect(Object.keys(workflow.on)).toEqual(['push']);
  });

  it('reads by default, and grants writes only to the jobs that need them', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(jobs.test?.permissions).toBeUndefined();
    expect(jobs.verify?.permissions).toBeUndefined();
    expect(jobs.publish?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(jobs.release?.permissions).toEqual({ contents: 'write' });
  });

  it('tests and verifies before it publishes, and publishes before it releases', () => {
    expect(Object.keys(jobs).sort()).toEqual(['publish', 'release', 'test', 'verify']);
    expect(runs(jobs.test as Job)).toMatch(/^npm ci\nnpm test$/m);
    expect([jobs.publish?.needs].flat().sort()).toEqual(['test', 'verify']);
    expect(jobs.release?.needs).toBe('publish');
  });

  it('checks the tag against package.json and dist/ against the sources', () => {
    const verify = runs(jobs.verify as Job);
    expect(verify).toContain('"v$version"');
    expect(verify).toContain('npm run build:action');
    expect(verify).toContain('git diff --exit-code');
  });

  it('publishes to npm with provenance from a protected environment', () => {
    const publish = jobs.publish as Job;
    expect(publish.environment).toBe('npm');
    expect(runs(publish)).toContain('npm publish --provenance');
    const setup = publish.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });

  it('creates the GitHub release for the tag', () => {
    expect(runs(jobs.release as Job)).toContain('gh release create "$TAG" --verify-tag');
  });

  describe.skipIf(process.platform === 'win32')('the step that moves the major tag', () => {
    const step = jobs.release?.steps.find((s) => s.name === 'Move the major tag') as Step;
    const scratch = mkdtempSync(join(tmpdir(), 'ots-release-tag-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], {
        cwd,
        encoding: 'utf8',
      }).trim();

    it('points v1 at the released commit, and moves it on the next release', () => {
      const remote = join(scratch, 'remote.git');
      const work = join(scratch, 'work');
      git(scratch, 'init', '--quiet', '--bare', remote);
      git(scratch, 'init', '--quiet', work);
      git(work, 'remote', 'add', 'origin', remote);
      const release = (tag: string) => {
        writeFileSync(join(work, 'file'), tag);
        git(work, 'add', 'file');
        git(work, 'commit', '--quiet', '-m', tag);
        git(work, 'tag', tag);
        const sha = git(work, 'rev-parse', 'HEAD');
        execFileSync('bash', ['-c', step.run as string], {
          cwd: work,
          env: { ...process.env, TAG: tag, GITHUB_SHA: sha },
          stdio: 'pipe',
        });
        return sha;
      };
      const first = release('v1.0.0');
      expect(git(work, 'ls-remote', 'origin', 'refs/tags/v1').split('\t')[0]).toBe(first);
      const second = release('v1.1.0');
      expect(second).not.toBe(first);
      expect(git(work, 'ls-remote', 'origin', 'refs/tags/v1').split('\t')[0]).toBe(second);
      release('v2.0.0');
      expect(git(work, 'ls-remote', 'origin', 'refs/tags/v1').split('\t')[0]).toBe(second);
      expect(git(work, 'ls-remote', 'origin', 'refs/tags/v2')).not.toBe('');
    });
  });
});
