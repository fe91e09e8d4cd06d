import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';

/** TypeORM options from `DATABASE_URL`: `sqlite:<file>` (embedded default) or `postgres://…`. */
export function databaseOptions(databaseUrl: string): TypeOrmModuleOptions {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { type: 'postgres', url: databaseUrl, autoLoadEntities: true, synchronize: true };
  }
  return {
    type: 'better-sqlite3',
    database: sqliteFile(databaseUrl),
    autoLoadEntities: true,
    synchronize: true,
  };
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
