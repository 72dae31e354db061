import { type Receipt, RULES } from '../core/index.ts';

export interface LinkComment extends Pick<Receipt, 'expiresAt' | 'passphraseRequired'> {
  issue: number;
  githubToken: string;
  link: string;
  /** The whole comment call, connection included, ends by then: the secret already exists, its outputs are set. */
  timeoutMs?: number;
}

/** The comment text: the link, when it stops working, and what to do if someone else got there first. */
export function commentBody(comment: LinkComment, env: NodeJS.ProcessEnv = process.env): string {
  const expiry = comment.expiresAt ? ` It expires at ${comment.expiresAt.toISOString()}.` : '';
  const passphrase = comment.passphraseRequired
    ? ' It asks for a passphrase, which the sender gives you another way.'
    : '';
  const run =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? ` by [this workflow run](${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID})`
      : '';
  return [
    `🔐 A one-time secret was shared here${run}:`,
    '',
    comment.link,
    '',
    `The link opens once, then the secret is gone.${expiry}${passphrase}`,
    'If it says the secret is unknown, someone opened it first or it expired: tell the sender.',
  ].join('\n');
}

/**
 * Posts the link as an issue/PR comment and returns the comment's address (which holds no key).
 * @actions/github (Octokit and a second HTTP stack) is loaded only here, so runs without `comment-on`
 * never parse it. The POST is never retried: a duplicate comment would be a second copy of the link.
 */
export async function postLinkComment(comment: LinkComment): Promise<string> {
  const { getOctokit, context } = await import('@actions/github');
  const { owner, repo } = context.repo;
  const octokit = getOctokit(comment.githubToken);
  // Octokit has no deadline of its own: a GitHub API that never answers would hold the step for minutes.
  const timeoutMs = comment.timeoutMs ?? RULES.timeoutMs.default;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: comment.issue,
      body: commentBody(comment),
      request: { signal },
    });
    return response.data.html_url;
  } catch (error) {
    throw new Error(describeGithubError(error, `#${comment.issue} in ${owner}/${repo}`, signal, timeoutMs));
  }
}

function describeGithubError(error: unknown, where: string, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) {
    return (
      `Could not comment on ${where}: no answer from the GitHub API within ${timeoutMs} ms. ` +
      'The comment may have been posted anyway; check the issue before sharing again.'
    );
  }
  const status = (error as { status?: unknown }).status;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (status === 401 || status === 403) {
    return (
      `Could not comment on ${where} (HTTP ${status}: ${reason}). "github-token" needs ` +
      '"issues: write" (or "pull-requests: write" for a pull request) in the job\'s permissions.'
    );
  }
  if (status === 404 || status === 410) {
    return `Could not comment on ${where} (HTTP ${status}): no such issue or pull request, or the token cannot see it.`;
  }
  return `Could not comment on ${where}: ${reason}`;
}
