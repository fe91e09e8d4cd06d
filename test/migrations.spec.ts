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
  ) {
    const dataSource = new DataSource({
      ...empty.options,
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
      expect(applied.map((m) => m.name)).toEqual(['SocialSchema1764633600000']);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      await dataSource.undoLastMigration();
      const runner = dataSource.createQueryRunner();
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
});
