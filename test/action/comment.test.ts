import { describe, expect, it } from 'vitest';
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
