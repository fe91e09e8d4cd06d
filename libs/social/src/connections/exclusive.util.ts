import type { DataSource, EntityManager } from 'typeorm';
import { KeyedQueue } from './keyed-queue.js';

/** Drivers where `SELECT … FOR UPDATE` (TypeORM's `pessimistic_write`) locks rows. */
const ROW_LOCKING = new Set([
  'postgres',
  'cockroachdb',
  'mysql',
  'mariadb',
  'mssql',
  'oracle',
  'aurora-postgres',
]);

/** Whether the database locks rows with `SELECT … FOR UPDATE`. */
export function isRowLocking(dataSource: DataSource): boolean {
  return ROW_LOCKING.has(dataSource.options.type);
}

/** In-process queues per SQLite data source: one connection, one writer, one process. */
const queues = new WeakMap<DataSource, KeyedQueue>();

/**
 * Runs `work` alone among the works of the same `key` on this database. Where the database locks
 * rows, in a transaction whose reads lock (`lock` is `pessimistic_write`), so it holds across
 * instances. On SQLite, the embedded single-process default whose one TypeORM connection cannot
 * isolate concurrent transactions, in an in-process queue for the key.
 */
export function exclusive<T>(
  dataSource: DataSource,
  key: string,
  work: (manager: EntityManager, lock: { mode: 'pessimistic_write' } | undefined) => Promise<T>,
): Promise<T> {
  if (isRowLocking(dataSource)) {
    return dataSource.transaction((manager) => work(manager, { mode: 'pessimistic_write' }));
  }
  let queue = queues.get(dataSource);
  if (!queue) queues.set(dataSource, (queue = new KeyedQueue()));
  return queue.run(key, () => work(dataSource.manager, undefined));
}
