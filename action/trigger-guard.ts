import { readFileSync } from 'node:fs';

/** Events that run with the base repository's secrets while acting on a fork author's behalf. */
const PRIVILEGED_EVENTS = ['pull_request_target', 'workflow_run', 'issue_comment'] as const;

type RepoRef = { id?: number; full_name?: string };

interface EventPayload {
  repository?: RepoRef;
  issue?: { number?: number; pull_request?: unknown };
  pull_request?: { head?: { repo?: RepoRef | null }; base?: { repo?: RepoRef } };
  workflow_run?: { head_repository?: RepoRef | null; repository?: RepoRef };
}

/**
 * Returns why this run is untrusted, or undefined when it is fine. Reads the event name and payload the
 * runner provides directly (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH): @actions/github would build the same
 * context at the cost of a much larger bundle on every run. Fails closed: a privileged event whose
 * payload cannot be read counts as untrusted.
 */
export function untrustedTriggerReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (!(PRIVILEGED_EVENTS as readonly string[]).includes(event)) return undefined;

  let payload: EventPayload;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as EventPayload;
  } catch {
    return `a "${event}" event whose payload (GITHUB_EVENT_PATH) cannot be read, so a fork cannot be ruled out`;
  }

  if (event === 'issue_comment') {
    // Runs with the base repository's secrets for any commenter. On an issue there is no fork code to act on; on a
    // pull request the payload does not say where the head comes from, so a fork cannot be ruled out.
    const issue = payload.issue;
    if (!issue?.pull_request) return undefined;
    const number = typeof issue.number === 'number' ? ` #${issue.number}` : '';
    return `an "issue_comment" event on pull request${number}, whose head may be a fork (the event does not say)`;
  }

  const pr = event === 'pull_request_target';
  const [what, head, base] = pr
    ? ['for a pull request', payload.pull_request?.head?.repo, payload.pull_request?.base?.repo]
    : ['triggered by a run', payload.workflow_run?.head_repository, payload.workflow_run?.repository];
  // e.g. a manual re-run without a pull request or run: nothing from a fork to act on.
  if (!(pr ? payload.pull_request : payload.workflow_run)) return undefined;
  if (sameRepo(head, base ?? payload.repository)) return undefined;
  return `a "${event}" event ${what} from the fork ${head?.full_name ? `"${head.full_name}"` : '(deleted or unknown repository)'}`;
}

/**
 * Same repository only when every identifier both sides carry agrees (id and full name) and at least one
 * does; a missing head (a deleted fork) is never the same.
 */
function sameRepo(head: RepoRef | null | undefined, base: RepoRef | undefined): boolean {
  if (!head || !base) return false;
  const pairs = [
    [head.id, base.id],
    [head.full_name?.toLowerCase(), base.full_name?.toLowerCase()],
  ].filter(([a, b]) => a !== undefined && b !== undefined);
  return pairs.length > 0 && pairs.every(([a, b]) => a === b);
}
