import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { SOCIAL_ENTITIES } from 'nestjs-social';

// The real databases the repository suites run on: a SQLite file, and the PostgreSQL server of
// the global setup (a fresh database per suite).

/** One real database a suite runs against. */
export interface Backend {
  name: 'better-sqlite3' | 'postgres';
  /** Driver code of a unique-constraint violation. */
  uniqueViolationCode: string;
  open(): Promise<{ dataSource: DataSource; close(): Promise<void> }>;
  /** The unique constraints and indexes on social_connection, as column lists, from the catalog. */
  schema(dataSource: DataSource): Promise<{ unique: string[][]; indexes: Map<string, string[]> }>;
}

export const sqlite: Backend = {
  name: 'better-sqlite3',
  uniqueViolationCode: 'SQLITE_CONSTRAINT_UNIQUE',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'social-sqlite-'));
    const dataSource = new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'connections.sqlite'),
      entities: SOCIAL_ENTITIES,
      synchronize: true,
    });
    await dataSource.initialize();
    return {
      dataSource,
      async close() {
        await dataSource.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async schema(dataSource) {
    const list: { name: string; unique: number }[] = await dataSource.query(
      `PRAGMA index_list('social_connection')`,
    );
    const unique: string[][] = [];
    const indexes = new Map<string, string[]>();
    for (const index of list) {
      const info: { seqno: number; name: string }[] = await dataSource.query(
        `PRAGMA index_info('${index.name.replace(/'/g, "''")}')`,
      );
      const columns = info.sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
      if (index.unique) unique.push(columns);
      indexes.set(index.name, columns);
    }
    return { unique, indexes };
  },
};

export const postgres: Backend = {
  name: 'postgres',
  uniqueViolationCode: '23505',
  async open() {
    const database = await freshPostgresDatabase();
    const dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      entities: SOCIAL_ENTITIES,
      synchronize: true,
    });
    await dataSource.initialize();
    return {
      dataSource,
      async close() {
        await dataSource.destroy();
        await database.drop();
      },
    };
  },
  async schema(dataSource) {
    const constraints: { contype: string; columns: string[] }[] = await dataSource.query(
      `SELECT c.contype,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_constraint c
         CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.conrelid = 'social_connection'::regclass AND c.contype = 'u'
        GROUP BY c.oid, c.contype`,
    );
    const rows: { indexname: string; indexdef: string }[] = await dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'social_connection'`,
    );
    const indexes = new Map<string, string[]>();
    for (const row of rows) {
      const columns = /\(([^)]*)\)\s*$/.exec(row.indexdef)![1];
      indexes.set(
        row.indexname,
        columns.split(',').map((c) => c.trim().replace(/^"|"$/g, '')),
      );
    }
    return { unique: constraints.map((c) => c.columns), indexes };
  },
};

/** A new, empty database on the global setup's PostgreSQL server, and how to drop it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  const name = `social_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
