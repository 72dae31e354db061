// A loopback stand-in for the one GitHub REST call the action makes (create an issue comment), recording
// what it received so tests can check the comment body and the token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedComment {
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface FakeGithubApi {
  url: string;
  comments: ReceivedComment[];
  /** Answer the next comment with this status (e.g. 403) instead of 201. */
  failNextWith(status: number): void;
  close(): Promise<void>;
}

export async function startFakeGithubApi(): Promise<FakeGithubApi> {
  const comments: ReceivedComment[] = [];
  let failWith: number | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      if (failWith !== undefined) {
        const status = failWith;
        failWith = undefined;
        response.writeHead(status).end(JSON.stringify({ message: 'Resource not accessible by integration' }));
        return;
      }
      const { body } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string };
      comments.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
      const [, owner, repo, issue] = match;
      response.writeHead(201).end(
        JSON.stringify({
          id: comments.length,
          body,
          html_url: `https://github.com/${owner}/${repo}/issues/${issue}#issuecomment-${comments.length}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    failNextWith(status) {
      failWith = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
