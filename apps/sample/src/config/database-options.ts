import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { SOCIAL_MIGRATIONS } from 'nestjs-social';
import { SampleUsers1764633600001 } from '../migrations/1764633600001-sample-users.js';

/** Every migration of the sample's database: the module's tables, then its own. */
export const SAMPLE_MIGRATIONS = [...SOCIAL_MIGRATIONS, SampleUsers1764633600001];

/**
 * TypeORM options from `DATABASE_URL`: `sqlite:<file>` (embedded default) or `postgres://…`.
 * The schema comes from the migrations, run at boot; `synchronize` stays off, as in production.
 */
export function databaseOptions(databaseUrl: string): TypeOrmModuleOptions {
  const schema = {
    autoLoadEntities: true,
    synchronize: false,
    migrations: SAMPLE_MIGRATIONS,
    migrationsRun: true,
  };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { type: 'postgres', url: databaseUrl, ...schema };
  }
  return { type: 'better-sqlite3', database: sqliteFile(databaseUrl), ...schema };
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
