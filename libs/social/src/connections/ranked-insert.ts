import type { Repository } from 'typeorm';
import { Connection } from './connection.entity.js';

/** Drivers whose INSERT can compute the rank in a subquery and answer it with RETURNING. */
const RETURNING_DRIVERS = new Set(['postgres', 'cockroachdb', 'better-sqlite3', 'sqlite']);

/**
 * Inserts a connection row ranked after the user's highest for its provider (after the highest,
 * not the count: removing rank 1 of 2 must not give two rank-2 rows), and answers the rank.
 * Every other column is known beforehand, so nothing is read back.
 *
 * One statement where the driver has RETURNING (PostgreSQL, SQLite ≥ 3.35): the rank is a
 * subquery of the INSERT itself. TypeORM does not offer RETURNING on SQLite, so the statement is
 * the query builder's, with the clause appended. Elsewhere, `MAX(rank)` first, then the INSERT.
 */
export async function insertRanked(
  repository: Repository<Connection>,
  row: Omit<Connection, 'rank'>,
): Promise<number> {
  const { driver } = repository.manager.connection;
  const insert = repository.createQueryBuilder().insert().into(Connection).updateEntity(false);
  if (!RETURNING_DRIVERS.has(driver.options.type)) {
    const highest = await repository.maximum('rank', {
      userId: row.userId,
      providerId: row.providerId,
    });
    const rank = (highest ?? 0) + 1;
    await insert.values({ ...row, rank }).execute();
    return rank;
  }
  const highest = repository.manager
    .createQueryBuilder()
    .subQuery()
    .select('COALESCE(MAX(ranked.rank), 0) + 1')
    .from(Connection, 'ranked')
    .where('ranked.userId = :rankUserId AND ranked.providerId = :rankProviderId', {
      rankUserId: row.userId,
      rankProviderId: row.providerId,
    });
  insert.values({ ...row, rank: () => highest.getQuery() }).setParameters(highest.getParameters());
  const [sql, parameters] = insert.getQueryAndParameters();
  const rankColumn = repository.metadata.findColumnWithPropertyName('rank')!.databaseName;
  const rows: Array<Record<string, unknown>> = await repository.manager.query(
    `${sql} RETURNING ${driver.escape(rankColumn)}`,
    parameters,
  );
  return Number(rows[0]![rankColumn]);
}
