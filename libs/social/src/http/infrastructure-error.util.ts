/** Errors that say the database or the session store is unreachable, whatever the code. */
const UNAVAILABLE_NAMES = new Set([
  // A token under a key this instance lacks: a key rotation half rolled out.
  'UnknownTokenKeyError',
  'ConnectionIsNotSetError',
  'CannotExecuteNotConnectedError',
  'SessionStoreError',
  // knex: no pooled connection within acquireConnectionTimeout.
  'KnexTimeoutError',
]);

/** What node-postgres says, without a code, when the server went away under a connection. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated( unexpectedly)?|Connection ended unexpectedly|timeout exceeded when trying to connect)/;

/**
 * Driver codes of an outage, not of a bug: SQLite busy, locked, I/O, disk full or read-only;
 * PostgreSQL classes 08 (connection), 53 (resources), 57 (operator intervention), 58 (system),
 * serialization failures and deadlocks; and the network.
 */
const UNAVAILABLE_CODES =
  /^(SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|PROTOCOL|NOMEM)|0[8]|5[378]|40001|40P01|ECONN(REFUSED|RESET)|ETIMEDOUT|EPIPE|ENOTFOUND)/;

/**
 * Whether an error means "the database or the session store is down" (a 503), as opposed to a
 * bug such as a missing table or a broken query (which stays a 500, to be fixed).
 */
export function isInfrastructureFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return false;
  if (UNAVAILABLE_NAMES.has(e.name ?? '')) return true;
  const code = String(e.driverError?.code ?? e.code ?? '');
  if (UNAVAILABLE_CODES.test(code)) return true;
  const message =
    (e as { driverError?: { message?: unknown }; message?: unknown }).driverError?.message ??
    (e as { message?: unknown }).message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}
