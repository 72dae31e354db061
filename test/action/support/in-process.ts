// The set-up of the tests that call the action's run() in process against the local OTS server (with
// @actions/core replaced by a recorder in the test file's vi.mock). Every test starts clean: an empty recorder,
// no faults or requests left on the server, no summary file and no privileged event (the suite itself may run
// inside GitHub Actions), and fresh modules, because the action reads its inputs when main.ts is imported.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { OtsClient } from '../../../core/index.ts';
import { type AccountOptions, type OtsServer, startOtsServer } from '../../../server/index.ts';
import { type CoreRecorder, resetBeforeEach } from './core-recorder.ts';

export interface InProcessAction {
  readonly server: OtsServer;
  /** A client with the same account as the action, to open or check what the action created. */
  readonly client: OtsClient;
  /** Runs the action with these inputs beside base-url (and the account's username and api-token). */
  run(inputs: Record<string, string>): Promise<void>;
}

export function useActionInProcess(
  recorder: CoreRecorder,
  account?: Pick<AccountOptions, 'username' | 'apiToken'>,
): InProcessAction {
  let server: OtsServer | undefined;
  let client: OtsClient | undefined;
  beforeAll(async () => {
    server = await startOtsServer({ accounts: account ? [account] : [] });
    client = new OtsClient({ baseUrl: server.url, ...account });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });
  const handle: InProcessAction = {
    get server() {
      if (server === undefined) throw new Error('local OTS server not started yet');
      return server;
    },
    get client() {
      if (client === undefined) throw new Error('local OTS server not started yet');
      return client;
    },
    async run(inputs) {
      const credentials: Record<string, string> = account
        ? { username: account.username, 'api-token': account.apiToken }
        : {};
      recorder.inputs = { 'base-url': handle.server.url, ...credentials, ...inputs };
      const { run } = await import('../../../action/main.ts');
      await run();
    },
  };
  resetBeforeEach(recorder);
  beforeEach(() => {
    handle.server.requests.length = 0;
    handle.server.faults.clear();
  });
  return handle;
}
