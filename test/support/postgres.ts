import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL server for the test run, as a Vitest globalSetup pair (`setup`/`teardown`).
 *
 * With SOCIAL_TEST_POSTGRES_URL set, that server is used as is (its user needs CREATEDB: each
 * suite makes its own database). Otherwise a throwaway cluster is started from Debian's
 * postgresql package (initdb/pg_ctl under /usr/lib/postgresql/<version>/bin) in a temp dir, on a
 * free loopback port, without fsync, and is stopped and deleted in teardown. Tests read the URL
 * with `inject('postgresUrl')`.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://user@host:port/db` of a server where the tests may create databases. */
    postgresUrl: string;
  }
}

export const POSTGRES_URL_ENV = 'SOCIAL_TEST_POSTGRES_URL';
const PG_ROOT = '/usr/lib/postgresql';
const run = promisify(execFile);

interface Cluster {
  bin: string;
  dir: string;
  dataDir: string;
  asPostgresUser: boolean;
}

let cluster: Cluster | undefined;
let exitHook: (() => void) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env[POSTGRES_URL_ENV];
  if (fromEnv) {
    project.provide('postgresUrl', fromEnv);
    return;
  }
  const started = Date.now();
  const bin = findPostgresBin();
  const asPostgresUser = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'social-pg-'));
  const dataDir = join(dir, 'data');
  cluster = { bin, dir, dataDir, asPostgresUser };
  // Should the run end without teardown (a crash, process.exit), still stop the server.
  exitHook = () => stopSync();
  process.once('exit', exitHook);
  try {
    if (asPostgresUser) {
      // PostgreSQL refuses to run as root: hand the directory to the package's `postgres` user.
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
    }
    await pg(cluster, 'initdb', [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await startOnFreePort(cluster);
    project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
    if (process.env.SOCIAL_TEST_POSTGRES_DEBUG) {
      console.log(`[postgres] cluster ready on port ${port} in ${Date.now() - started} ms`);
    }
  } catch (error) {
    stopSync();
    throw error;
  }
}

export async function teardown(): Promise<void> {
  if (!cluster) return;
  const current = cluster;
  try {
    await pg(current, 'pg_ctl', ['-D', current.dataDir, '-m', 'immediate', '-w', 'stop']);
  } catch {
    // Already stopped; stopSync below still removes the directory.
  }
  stopSync();
}

/** Stops the server if it still runs and deletes its directory; safe to call twice. */
function stopSync(): void {
  const current = cluster;
  cluster = undefined;
  if (exitHook) process.removeListener('exit', exitHook);
  exitHook = undefined;
  if (!current) return;
  if (existsSync(join(current.dataDir, 'postmaster.pid'))) {
    try {
      const [cmd, args] = command(current, 'pg_ctl', [
        '-D',
        current.dataDir,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]);
      execFileSync(cmd, args, { stdio: 'ignore', timeout: 15_000 });
    } catch {
      // Nothing more to do: the directory goes anyway.
    }
  }
  rmSync(current.dir, { recursive: true, force: true });
}

/** The bin directory of the highest PostgreSQL version installed, or an error saying what to install. */
function findPostgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `The ConnectionRepository tests need PostgreSQL, and none was found under ${PG_ROOT}/*/bin. ` +
        'Install the server (Debian/Ubuntu: `apt-get install -y postgresql`), or point the tests at ' +
        `a running one with ${POSTGRES_URL_ENV}=postgres://user:password@host:5432/postgres ` +
        '(the user needs CREATEDB).',
    );
  }
  return join(PG_ROOT, versions[0], 'bin');
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'The tests run as root and PostgreSQL refuses to: they run it as the `postgres` user, which ' +
        'does not exist. Reinstall the server (`apt-get install -y postgresql`) or set ' +
        `${POSTGRES_URL_ENV}.`,
    );
  }
}

/** A PostgreSQL program as [command, args]: through `runuser -u postgres` when we are root. */
function command(c: Cluster, program: string, args: string[]): [string, string[]] {
  const path = join(c.bin, program);
  return c.asPostgresUser ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function pg(c: Cluster, program: string, args: string[]): Promise<void> {
  const [cmd, cmdArgs] = command(c, program, args);
  try {
    await run(cmd, cmdArgs, { timeout: 60_000 });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${program} failed: ${e.stderr || e.stdout || e.message}`.trim());
  }
}

/** Starts the server; retries on another port if the free one was taken meanwhile. */
async function startOnFreePort(c: Cluster): Promise<number> {
  const log = join(c.dir, 'postgres.log');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      '-F',
      `-k '${c.dir}'`,
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    try {
      await pg(c, 'pg_ctl', ['-D', c.dataDir, '-l', log, '-w', '-t', '30', '-o', options, 'start']);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`PostgreSQL did not start: ${(lastError as Error).message}\n${tail}`);
}
