import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import knex, { type Knex } from 'knex';
import { DataSource } from 'typeorm';
import type { SampleConfig } from '../config/sample-config.js';
import { knexOptions } from './knex-options.js';
import { SessionTableStore } from './session-table.store.js';

/** The express-session store: a table in the app's own database (never MemoryStore). */
export const SESSION_STORE = Symbol('SESSION_STORE');
const KNEX = Symbol('SESSION_KNEX');

@Module({})
export class SessionStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionTableStore,
    @Inject(KNEX) private readonly db: Knex,
  ) {}

  static forRoot(config: SampleConfig): DynamicModule {
    return {
      module: SessionStoreModule,
      providers: [
        { provide: KNEX, useFactory: () => knex(knexOptions(config.databaseUrl)) },
        {
          provide: SESSION_STORE,
          // After the data source: its migrations create the table, so instances booting at
          // once never race to (the store's own createTable would).
          useFactory: (db: Knex) =>
            new SessionTableStore({
              knex: db,
              tableName: 'sample_session',
              createTable: false,
            }),
          inject: [KNEX, DataSource],
        },
      ],
      exports: [SESSION_STORE],
    };
  }

  async onApplicationShutdown() {
    // The store sweeps expired sessions on a timer; stop it with the connections.
    clearTimeout(this.store.nextDbCleanup);
    await this.db.destroy();
  }
}
