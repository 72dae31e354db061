import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untrustedTriggerReason } from '../../action/trigger-guard.ts';

const dir = mkdtempSync(join(tmpdir(), 'ots-action-events-'));
let n = 0;

function reason(event: string, payload: unknown): string | undefined {
  const path = join(dir, `event-${n++}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return untrustedTriggerReason({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: path });
}

const base = { id: 1, full_name: 'acme/app' };
const fork = { id: 2, full_name: 'mallory/app' };

describe('untrusted trigger guard', () => {
  it('lets ordinary events through without reading the payload', () => {
    for (const event of ['push', 'pull_request', 'workflow_dispatch', 'schedule']) {
      expect(
        untrustedTriggerReason({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: '/nonexistent' }),
      ).toBeUndefined();
    }
  });

  it('refuses pull_request_target from a fork and allows it from a branch of the same repository', () => {
    expect(
      reason('pull_request_target', { pull_request: { head: { repo: fork }, base: { repo: base } } }),
    ).toMatch(/pull_request_target.*fork "mallory\/app"/);
    expect(
      reason('pull_request_target', { pull_request: { head: { repo: base }, base: { repo: base } } }),
    ).toBe(undefined);
  });

  it('treats a deleted fork (head.repo null) as untrusted', () => {
    expect(
      reason('pull_request_target', { pull_request: { head: { repo: null }, base: { repo: base } } }),
    ).toMatch(/deleted or unknown repository/);
  });

  it('compares ids as well as names, so a fork cannot pass by name alone', () => {
    const sameNameOtherId = { id: 99, full_name: 'acme/app' };
    expect(
      reason('pull_request_target', {
        pull_request: { head: { repo: sameNameOtherId }, base: { repo: base } },
      }),
    ).toBeDefined();
  });

  it('refuses workflow_run triggered from a fork and allows one from the same repository', () => {
    expect(reason('workflow_run', { workflow_run: { head_repository: fork, repository: base } })).toMatch(
      /workflow_run.*fork "mallory\/app"/,
    );
    expect(
      reason('workflow_run', { workflow_run: { head_repository: base }, repository: base }),
    ).toBeUndefined();
  });

  it('refuses issue_comment on a pull request (its head may be a fork) and allows it on an issue', () => {
    const onPull = {
      issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/app/pulls/7' } },
      repository: base,
    };
    expect(reason('issue_comment', onPull)).toMatch(/"issue_comment" event on pull request #7/);
    expect(reason('issue_comment', { issue: { number: 8 }, repository: base })).toBeUndefined();
    expect(
      untrustedTriggerReason({ GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: join(dir, 'nope') }),
    ).toMatch(/cannot be read/);
  });

  it('fails closed when the payload of a privileged event cannot be read', () => {
    expect(
      untrustedTriggerReason({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: join(dir, 'nope') }),
    ).toMatch(/cannot be read/);
    expect(untrustedTriggerReason({ GITHUB_EVENT_NAME: 'pull_request_target' })).toMatch(/cannot be read/);
  });
});
