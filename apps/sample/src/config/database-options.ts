import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { SOCIAL_MIGRATIONS } from 'nestjs-social';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SampleUsers1764633600001 } from '../migrations/1764633600001-sample-users.js';
import { SampleSessions1764633600002 } from '../migrations/1764633600002-sample-sessions.js';

/** Every migration of the sample's database: the module's tables, then its own. */
export const SAMPLE_MIGRATIONS = [
  ...SOCIAL_MIGRATIONS,
  SampleUsers1764633600001,
  SampleSessions1764633600002,
];

/**
 * TypeORM options from `DATABASE_URL`: `sqlite:<file>` (embedded default) or `postgres://…`.
 * The schema comes from the migrations (see `migratedDataSource`); `synchronize` stays off, as
 * in production.
 */
export function databaseOptions(databaseUrl: string): TypeOrmModuleOptions {
  const schema = { autoLoadEntities: true, synchronize: false, migrations: SAMPLE_MIGRATIONS };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // While the database is down, fail fast (a 503) rather than wait for a connection.
    return {
      type: 'postgres',
      url: databaseUrl,
      extra: { connectionTimeoutMillis: 5_000 },
      ...schema,
    };
  }
  return { type: 'better-sqlite3', database: sqliteFile(databaseUrl), ...schema };
}

/** Any number, as long as no other part of the app takes the same advisory lock. */
const MIGRATION_LOCK = 7_368_413;

/**
 * The data source, initialised with its migrations applied. On PostgreSQL under an advisory
 * lock: instances booting at once take turns, and the later ones find nothing left to do.
 */
export async function migratedDataSource(options?: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options!).initialize();
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations();
    return dataSource;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

/** The absolute path of a `sqlite:<file>` URL, its folder created. */
export function sqliteFile(databaseUrl: string): string {
  const match = /^sqlite:(.+)$/.exec(databaseUrl);
  if (!match) {
    throw new Error(
      `DATABASE_URL must be sqlite:<file> or postgres://…, got ${JSON.stringify(databaseUrl)}`,
    );
  }
  const file = resolve(match[1]!);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
