import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

/**
 * A Redis server for the test run, as a Vitest globalSetup pair: Debian's `redis-server` on a
 * free loopback port, nothing persisted, stopped in teardown. With SOCIAL_TEST_REDIS_URL set,
 * that server is used as is. Tests read the URL with `inject('redisUrl')`.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://host:port` of a server the tests may use (each suite takes its own key prefix). */
    redisUrl: string;
  }
}

export const REDIS_URL_ENV = 'SOCIAL_TEST_REDIS_URL';
const REDIS_SERVER = '/usr/bin/redis-server';

let server: { child: ChildProcess; dir: string } | undefined;

export async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env[REDIS_URL_ENV];
  if (fromEnv) {
    project.provide('redisUrl', fromEnv);
    return;
  }
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `The state-store tests need Redis, and ${REDIS_SERVER} was not found. Install it ` +
        `(Debian/Ubuntu: \`apt-get install -y redis-server\`), or point the tests at a running one ` +
        `with ${REDIS_URL_ENV}=redis://host:6379.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'social-redis-'));
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  server = { child, dir };
  process.once('exit', stop);
  await waitForPort(port, child);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  stop();
}

function stop(): void {
  if (!server) return;
  server.child.kill('SIGTERM');
  rmSync(server.dir, { recursive: true, force: true });
  server = undefined;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}
