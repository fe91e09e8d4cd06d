import { QueryFailedError } from 'typeorm';

/** Driver codes for a unique-constraint violation: PostgreSQL, SQLite, MySQL. */
const UNIQUE_VIOLATION_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'ER_DUP_ENTRY']);

/** True when a TypeORM error is a unique-constraint violation, whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  if (UNIQUE_VIOLATION_CODES.has(String(driverError?.code))) return true;
  // The `sqlite3` driver reports every constraint as SQLITE_CONSTRAINT; the message says which.
  return driverError?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(String(driverError.message));
}
