import type { Knex } from 'knex';
import { sqliteFile } from '../config/database-options.js';

/** knex settings for the session table, from the same DATABASE_URL as TypeORM. */
export function knexOptions(databaseUrl: string): Knex.Config {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // While the database is down, fail fast (a 503) rather than queue a request for a minute.
    return {
      client: 'pg',
      // Any 9.2+: connect-session-knex then writes a session in one upsert, not a transaction.
      version: '15',
      connection: databaseUrl,
      pool: { min: 0, max: 4 },
      acquireConnectionTimeout: 5_000,
    };
  }
  // One connection: SQLite serialises writers anyway, and this keeps lock waits out of the pool.
  return {
    client: 'better-sqlite3',
    connection: { filename: sqliteFile(databaseUrl) },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  };
}
