import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConnectionAuditAction, ConnectionAuditActor } from './connection-audit.entity.js';

/**
 * Who is changing connections, and in which request or job: what each audit entry records
 * besides the change itself. Set around a unit of work with `runWithAuditContext`; the
 * repository reads it, so no write method needs extra parameters.
 *
 * @publicApi
 */
export interface AuditContext {
  actor: ConnectionAuditActor;
  /** The HTTP request doing the work. */
  requestId?: string;
  /** The job doing the work (`revocation:<id>`, `reencrypt`, your own). */
  jobId?: string;
  /** What a token update is, when the caller knows better than the repository (`token_refreshed`). */
  action?: ConnectionAuditAction;
  /** Why, recorded with each entry (`deauthorized`). */
  detail?: string;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Outside any context: a change made by the app's own code or a job of the module. */
const NO_CONTEXT: AuditContext = { actor: 'system' };

/**
 * Runs `work` with `context` (merged over the current one) as the audit context of every
 * connection change it makes.
 *
 * @example
 * await runWithAuditContext({ actor: 'system', jobId: 'nightly-cleanup' }, () => cleanUp());
 * @publicApi
 */
export function runWithAuditContext<T>(context: Partial<AuditContext>, work: () => T): T {
  return storage.run({ ...currentAuditContext(), ...context }, work);
}

/** The audit context of the current unit of work (`actor: 'system'` outside any). */
export function currentAuditContext(): AuditContext {
  return storage.getStore() ?? NO_CONTEXT;
}
