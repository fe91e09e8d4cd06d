// The shipped migrations create exactly the schema the entities describe, on SQLite and
// PostgreSQL: applied to an empty database, TypeORM finds nothing left to change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOCIAL_ENTITIES, SOCIAL_MIGRATIONS } from 'nestjs-social';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MIGRATIONS } from '../apps/sample/src/config/database-options.js';
import { User } from '../apps/sample/src/users/user.entity.js';
import { freshPostgresDatabase } from './support/databases.js';

type Connect = () => Promise<{ options: DataSourceOptions; drop(): Promise<void> }>;

const databases: [string, Connect][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'social-migrations-'));
      return {
        options: { type: 'better-sqlite3', database: join(dir, 'app.sqlite') },
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await freshPostgresDatabase();
      return { options: { type: 'postgres', url: database.url }, drop: () => database.drop() };
    },
  ],
];

describe.each(databases)('migrations on an empty %s database', (_name, connect) => {
  let empty: Awaited<ReturnType<Connect>>;
  beforeAll(async () => {
    empty = await connect();
  });
  afterAll(async () => {
    await empty?.drop();
  });

  async function migrated(
    entities: DataSourceOptions['entities'],
    migrations: DataSourceOptions['migrations'],
    database = empty,
  ) {
    const dataSource = new DataSource({
      ...database.options,
      entities,
      migrations,
      synchronize: false,
    } as DataSourceOptions);
    await dataSource.initialize();
    return dataSource;
  }

  it("SOCIAL_MIGRATIONS create the module's tables; the entities need no further change; they undo cleanly", async () => {
    const dataSource = await migrated(SOCIAL_ENTITIES, SOCIAL_MIGRATIONS);
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.map((m) => m.name)).toEqual([
        'SocialSchema1764633600000',
        'ConnectionStatus1796200000000',
        'SocialRevocationAudit1796300000000',
      ]);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      const runner = dataSource.createQueryRunner();
      for (const table of [
        'social_revocation_request',
        'social_connection_audit',
        'social_data_deletion',
      ]) {
        expect(await runner.hasTable(table)).toBe(true);
      }
      await dataSource.undoLastMigration();
      expect(await runner.hasTable('social_revocation_request')).toBe(false);
      expect(await runner.hasTable('social_connection_audit')).toBe(false);
      expect(await runner.hasTable('social_data_deletion')).toBe(false);
      expect(await runner.hasTable('social_connection')).toBe(true);
      await dataSource.undoLastMigration(); // connection status
      await dataSource.undoLastMigration();
      expect(await runner.hasTable('social_connection')).toBe(false);
      expect(await runner.hasTable('social_oauth_state')).toBe(false);
      await runner.release();
    } finally {
      await dataSource.destroy();
    }
  });

  it("the sample's migrations (the module's, then its own) leave nothing for synchronize to do", async () => {
    const dataSource = await migrated([...SOCIAL_ENTITIES, User], SAMPLE_MIGRATIONS);
    try {
      await dataSource.runMigrations();
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('the connection-status migration turns the needsReauth flag into a status, and back', async () => {
    const [schema] = SOCIAL_MIGRATIONS;
    const database = await connect();
    const dataSource = await migrated([], [schema!], database);
    const rows = ['flagged', 'fine'];
    try {
      await dataSource.runMigrations();
      const postgres = dataSource.options.type === 'postgres';
      for (const [index, id] of rows.entries()) {
        await dataSource.query(
          `INSERT INTO social_connection (id, "userId", "providerId", "providerUserId", "accessToken", "needsReauth", "needsReauthReason") VALUES (${postgres ? '$1, $2, $3, $4, $5, $6, $7' : '?, ?, ?, ?, ?, ?, ?'})`,
          [
            id,
            'u1',
            'google',
            id,
            'token',
            postgres ? index === 0 : Number(index === 0),
            index === 0 ? 'refresh_refused' : null,
          ],
        );
      }
    } finally {
      await dataSource.destroy();
    }
    const upgraded = await migrated(SOCIAL_ENTITIES, SOCIAL_MIGRATIONS, database);
    try {
      expect((await upgraded.runMigrations()).map((m) => m.name)).toEqual([
        'ConnectionStatus1796200000000',
        'SocialRevocationAudit1796300000000',
      ]);
      const read = async (columns: string) =>
        upgraded.query(`SELECT id, ${columns} FROM social_connection ORDER BY id`);
      expect(await read('status, "statusReason"')).toEqual([
        { id: 'fine', status: 'active', statusReason: null },
        { id: 'flagged', status: 'needs_reauth', statusReason: 'refresh_refused' },
      ]);
      await upgraded.undoLastMigration(); // the revocation queue and audit trail
      await upgraded.undoLastMigration();
      const restored = await read('"needsReauth", "needsReauthReason"');
      expect(restored.map((r: { needsReauth: unknown }) => Boolean(r.needsReauth))).toEqual([
        false,
        true,
      ]);
      expect(restored[1].needsReauthReason).toBe('refresh_refused');
      await upgraded.undoLastMigration();
    } finally {
      await upgraded.destroy();
      await database.drop();
    }
  });
});
