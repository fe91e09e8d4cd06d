import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';

/** TypeORM options from `DATABASE_URL`: `sqlite:<file>` (embedded default) or `postgres://…`. */
export function databaseOptions(databaseUrl: string): TypeOrmModuleOptions {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { type: 'postgres', url: databaseUrl, autoLoadEntities: true, synchronize: true };
  }
  const match = /^sqlite:(.+)$/.exec(databaseUrl);
  if (!match) {
    throw new Error(
      `DATABASE_URL must be sqlite:<file> or postgres://…, got ${JSON.stringify(databaseUrl)}`,
    );
  }
  const file = resolve(match[1]!);
  mkdirSync(resolve(file, '..'), { recursive: true });
  return { type: 'better-sqlite3', database: file, autoLoadEntities: true, synchronize: true };
}
