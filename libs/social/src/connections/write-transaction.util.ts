import type { DataSource, EntityManager } from 'typeorm';
import { isRowLocking } from './exclusive.util.js';
import { KeyedQueue } from './keyed-queue.js';

/** SQLite data sources' writers: one transaction at a time on their one connection. */
const writers = new WeakMap<DataSource, KeyedQueue>();

/**
 * Runs `work` in a transaction on `manager`'s data source, or in the one `manager` is already in.
 * On SQLite, whose single TypeORM connection cannot isolate concurrent transactions, the
 * module's transactions run one at a time in this process.
 */
export function inWriteTransaction<T>(
  manager: EntityManager,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (manager.queryRunner?.isTransactionActive) return work(manager);
  const dataSource = manager.connection;
  if (isRowLocking(dataSource)) return dataSource.transaction(work);
  let writer = writers.get(dataSource);
  if (!writer) writers.set(dataSource, (writer = new KeyedQueue()));
  return writer.run('write', () => dataSource.transaction(work));
}
