import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the balancer saw of one answer. */
export interface BalancedAnswer {
  method: string;
  path: string;
  backend: number;
  /** The backend's status, or 0 when it gave no answer at all (connection refused or cut). */
  status: number;
}

/** A load balancer for tests: each request to a backend picked at random, every answer noted. */
export interface RunningBalancer {
  url: string;
  answers: BalancedAnswer[];
  close(): Promise<void>;
}

/**
 * Sends each request to one of `backends` (http://host:port) at random, keeping the Host
 * header (the backends' APP_URL is the balancer's address), as a load balancer without sticky
 * sessions does. A backend that gives no answer makes a 502, noted with status 0.
 */
export async function startBalancer(backends: string[]): Promise<RunningBalancer> {
  const answers: BalancedAnswer[] = [];

  const server: Server = createServer((req: IncomingMessage, res) => {
    const backend = Math.floor(Math.random() * backends.length);
    const target = new URL(backends[backend]!);
    const note = (status: number) =>
      answers.push({
        method: req.method ?? 'GET',
        path: (req.url ?? '').split('?')[0]!,
        backend,
        status,
      });
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        note(answer.statusCode ?? 0);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      note(0);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
