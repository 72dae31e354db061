// Text that came from a server (OTS or the GitHub API) is data: it is checked against what is known or escaped for
// the channel it goes to, so it can never become a workflow command, a Markdown link or HTML in a summary.
import * as core from '@actions/core';
import { knownState, type Receipt, UNKNOWN_STATE } from '../core/index.ts';

/** The receipt with a state from the known set; anything else becomes `unknown`, with a warning that quotes it escaped. */
export function withKnownState<R extends Receipt>(receipt: R): R {
  if (knownState(receipt.state) !== UNKNOWN_STATE) return receipt;
  core.warning(
    `The server reported a receipt state this action does not know (${JSON.stringify(oneLine(String(receipt.state)))}); ` +
      'it is reported as "unknown".',
  );
  return { ...receipt, state: UNKNOWN_STATE };
}

/**
 * For a log line or a workflow command's message: the runner treats a line starting with `::` as a command, and
 * `%`, CR and LF are how commands encode their data, so each is percent-encoded and no line break survives.
 */
export function escapeForLog(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/::/g, '%3A%3A');
}

/** For the job summary and PR comments (Markdown with HTML): every character that could start markup is an entity. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"'`|*_[\]()\\!#~=]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n|\r/g, ' ');
}

/** At most 200 characters of one line, for quoting in a message. */
function oneLine(text: string): string {
  const flat = escapeForLog(text);
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
