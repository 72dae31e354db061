import { describe, expect, it, vi } from 'vitest';
import { commentBody } from '../../action/comment.ts';

describe('commentBody', () => {
  const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '77' };

  it('holds the link, the expiry and the run, and says what a dead link means', () => {
    const body = commentBody(
      {
        issue: 3,
        githubToken: 'unused',
        link: 'https://us.onetimesecret.com/secret/abc',
        expiresAt: new Date('2026-12-01T10:00:00Z'),
      },
      env,
    );
    expect(body).toContain('\nhttps://us.onetimesecret.com/secret/abc\n');
    expect(body).toContain('It expires at 2026-12-01T10:00:00.000Z.');
    expect(body).toContain('(https://github.com/acme/app/actions/runs/77)');
    expect(body).toMatch(/someone opened it first or it expired/);
    expect(body).not.toContain('unused');
  });

  it('mentions the passphrase only when there is one', () => {
    const base = { issue: 3, githubToken: 't', link: 'https://x/secret/abc' };
    expect(commentBody({ ...base, passphraseRequired: true }, env)).toMatch(/asks for a passphrase/);
    expect(commentBody({ ...base, passphraseRequired: false }, env)).not.toMatch(/passphrase/);
  });
});

describe('postLinkComment', () => {
  it('ends by its deadline when the GitHub API never answers', async () => {
    const { startBlackHole } = await import('../hostile/support/black-hole.ts');
    const { postLinkComment } = await import('../../action/comment.ts');
    const hole = await startBlackHole();
    vi.stubEnv('GITHUB_API_URL', `http://127.0.0.1:${hole.port}`);
    vi.stubEnv('GITHUB_REPOSITORY', 'acme/app');
    try {
      const started = performance.now();
      const error = await postLinkComment({
        issue: 3,
        githubToken: 'ghs_deadlinetoken',
        link: 'https://x/secret/abc',
        timeoutMs: 300,
      }).catch((e: unknown) => e);
      // A correctness bound with generous slack: without a deadline the call waits for minutes.
      expect(performance.now() - started).toBeLessThan(2_300);
      expect((error as Error).message).toMatch(/no answer from the GitHub API within 300 ms/);
      expect((error as Error).message).not.toContain('ghs_deadlinetoken');
    } finally {
      vi.unstubAllEnvs();
      await hole.close();
    }
  }, 15_000);
});
