import { type OnApplicationBootstrap } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { SocialSetupError } from '../social.exceptions.js';

/**
 * Checks at boot that each entity the module stores through TypeORM is registered with the data
 * source and has its table and columns, so a missing entity or migration stops the app where
 * it can be seen, not at a provider callback after the code was spent.
 */
export class SocialSchemaCheck implements OnApplicationBootstrap {
  constructor(private readonly repositories: Repository<object>[]) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const repository of this.repositories) await assertStorable(repository);
  }
}

async function assertStorable(repository: Repository<object>): Promise<void> {
  const { dataSource } = repository.manager;
  const target = repository.target;
  const name = typeof target === 'function' ? target.name : String(target);
  if (!dataSource.hasMetadata(target)) {
    throw new SocialSetupError(
      `the ${name} entity is not registered with the TypeORM data source: set autoLoadEntities: true in TypeOrmModule.forRoot(), or add SOCIAL_ENTITIES (from 'nestjs-social') to its entities`,
    );
  }
  // A data source the app initialises itself later (manualInitialization) is checked by its own run.
  if (!dataSource.isInitialized) return;
  const { tablePath, columns } = repository.metadata;
  const runner = dataSource.createQueryRunner();
  try {
    const table = await runner.getTable(tablePath);
    if (!table) {
      throw new SocialSetupError(
        `the table ${tablePath} (${name}) does not exist: add SOCIAL_MIGRATIONS (from 'nestjs-social') to the data source's migrations and run them (migrationsRun: true, or the TypeORM CLI), or use synchronize: true in development`,
      );
    }
    const present = new Set(table.columns.map((column) => column.name));
    const missing = columns.map((c) => c.databaseName).filter((column) => !present.has(column));
    if (missing.length) {
      throw new SocialSetupError(
        `the table ${tablePath} (${name}) lacks the columns ${missing.join(', ')}: run the module's newer migrations (SOCIAL_MIGRATIONS from 'nestjs-social')`,
      );
    }
  } finally {
    await runner.release();
  }
}
