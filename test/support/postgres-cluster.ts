import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

export const POSTGRES_URL_ENV = 'SOCIAL_TEST_POSTGRES_URL';
const PG_ROOT = '/usr/lib/postgresql';
const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster from Debian's postgresql package (initdb/pg_ctl under
 * /usr/lib/postgresql/<version>/bin) in a temp dir, on a free loopback port, without fsync; run
 * as the `postgres` user when we are root (PostgreSQL refuses root). It can be stopped and
 * started again on the same port (an outage), and is deleted by `destroy`.
 */
export class PostgresCluster {
  private readonly dataDir: string;
  private exitHook = () => this.destroySync();

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly asPostgresUser: boolean,
    /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
    public url = '',
  ) {
    this.dataDir = join(dir, 'data');
  }

  /** Creates the cluster and starts it. */
  static async create(): Promise<PostgresCluster> {
    const bin = findPostgresBin();
    const asPostgresUser = process.getuid?.() === 0;
    const dir = await mkdtemp(join(tmpdir(), 'social-pg-'));
    const cluster = new PostgresCluster(bin, dir, asPostgresUser);
    // Should the run end without destroy (a crash, process.exit), still stop the server.
    process.once('exit', cluster.exitHook);
    try {
      if (asPostgresUser) {
        const { uid, gid } = postgresUser();
        chownSync(dir, uid, gid);
      }
      await cluster.pg('initdb', [
        '-D',
        cluster.dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]);
      await cluster.startOnFreePort();
      return cluster;
    } catch (error) {
      cluster.destroySync();
      throw error;
    }
  }

  /** Stops the server (`fast`: clients are disconnected, as in a failover or a restart). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  /** Starts a stopped server again, on its port. */
  async start(): Promise<void> {
    await this.startOn(Number(new URL(this.url).port));
  }

  async destroy(): Promise<void> {
    try {
      await this.stop('immediate');
    } catch {
      // Already stopped; destroySync still removes the directory.
    }
    this.destroySync();
  }

  private destroySync(): void {
    process.removeListener('exit', this.exitHook);
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      try {
        const [cmd, args] = this.command('pg_ctl', [
          '-D',
          this.dataDir,
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
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Starts the server; retries on another port if the free one was taken meanwhile. */
  private async startOnFreePort(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.startOn(await freePort());
        return;
      } catch (error) {
        lastError = error;
      }
    }
    const log = join(this.dir, 'postgres.log');
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`PostgreSQL did not start: ${(lastError as Error).message}\n${tail}`);
  }

  private async startOn(port: number): Promise<void> {
    const options = [
      '-F',
      `-k '${this.dir}'`,
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    const log = join(this.dir, 'postgres.log');
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      log,
      '-w',
      '-t',
      '30',
      '-o',
      options,
      'start',
    ]);
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  /** A PostgreSQL program as [command, args]: through `runuser -u postgres` when we are root. */
  private command(program: string, args: string[]): [string, string[]] {
    const path = join(this.bin, program);
    return this.asPostgresUser
      ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
      : [path, args];
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const [cmd, cmdArgs] = this.command(program, args);
    try {
      await run(cmd, cmdArgs, { timeout: 60_000 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${program} failed: ${e.stderr || e.stdout || e.message}`.trim());
    }
  }
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
      `The tests need PostgreSQL, and none was found under ${PG_ROOT}/*/bin. ` +
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
