import type { QueryRunner } from 'typeorm';

/** The SQL dialects the shipped migrations are written for. */
export type SqlDialect = 'sqlite' | 'postgres';

const DIALECTS: Record<string, SqlDialect> = {
  'better-sqlite3': 'sqlite',
  sqlite: 'sqlite',
  sqljs: 'sqlite',
  postgres: 'postgres',
  'aurora-postgres': 'postgres',
};

/**
 * The dialect of the database a migration runs on; any other is an error that says what to do,
 * rather than SQL that half applies.
 */
export function sqlDialect(queryRunner: QueryRunner, migration: string): SqlDialect {
  const type = queryRunner.connection.options.type;
  const dialect = DIALECTS[type];
  if (!dialect) {
    throw new Error(
      `${migration} is written for SQLite and PostgreSQL, not ${type}: generate your own from ` +
        'the entities (SOCIAL_ENTITIES) with `typeorm migration:generate`',
    );
  }
  return dialect;
}

/** Runs each statement of the dialect's list. */
export async function runAll(queryRunner: QueryRunner, statements: string[]): Promise<void> {
  for (const statement of statements) await queryRunner.query(statement);
}
