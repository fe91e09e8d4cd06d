/**
 * Counts the SQL statements an app runs, through better-sqlite3's `verbose` callback (the
 * floor's own database and TypeORM's driver both take it): one method for every app.
 */
export const sqlCounter = {
  count: 0,
  /** Every statement's text while a trace is on (statement lists), else undefined. */
  trace: undefined as string[] | undefined,
};

/** better-sqlite3's `verbose` option: called with each statement it runs, values filled in. */
export function countStatement(sql: unknown): void {
  sqlCounter.count += 1;
  sqlCounter.trace?.push(String(sql));
}
