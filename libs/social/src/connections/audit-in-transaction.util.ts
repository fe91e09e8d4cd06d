import type { EntityManager } from 'typeorm';
import { SocialSetupError } from '../social.exceptions.js';
import { currentAuditContext } from './audit-context.js';
import { ConnectionAuditEntry, type ConnectionAuditAction } from './connection-audit.entity.js';
import type { Connection } from './connection.entity.js';

/** The connection an audit entry is about: its ids, never its tokens. */
export type AuditedConnection = Pick<Connection, 'id' | 'userId' | 'providerId' | 'providerUserId'>;

/** One change to record. */
export interface AuditChange {
  action: ConnectionAuditAction;
  connection: AuditedConnection;
  /** Why; defaults to the audit context's `detail`. */
  detail?: string | null;
}

/**
 * Writes the audit entries of a change through `manager`: call it inside the transaction that
 * makes the change, so both commit or neither does. Who and which request or job come from the
 * audit context (`runWithAuditContext`); the context's `action` overrides an `updated`.
 */
export async function auditInTransaction(
  manager: EntityManager,
  changes: AuditChange | AuditChange[],
): Promise<void> {
  const rows = auditRows(changes);
  if (rows.length === 0) return;
  // A data source given only `Connection` would fail deep in TypeORM: name the fix instead.
  if (!manager.dataSource.hasMetadata(ConnectionAuditEntry)) {
    throw new SocialSetupError(
      "the ConnectionAuditEntry entity is not registered with the TypeORM data source: add SOCIAL_ENTITIES (from 'nestjs-social') to its entities, or set autoLoadEntities: true",
    );
  }
  await manager.insert(ConnectionAuditEntry, rows);
}

/** The audit entries of changes, with who and which request or job from the audit context. */
export function auditRows(
  changes: AuditChange | AuditChange[],
): Omit<ConnectionAuditEntry, 'id' | 'createdAt'>[] {
  const list = Array.isArray(changes) ? changes : [changes];
  const context = currentAuditContext();
  return list.map(({ action, connection, detail }) => ({
    userId: connection.userId,
    providerId: connection.providerId,
    providerUserId: connection.providerUserId,
    connectionId: connection.id,
    action: action === 'updated' && context.action ? context.action : action,
    actor: context.actor,
    detail: cut(detail ?? context.detail ?? null),
    requestId: cut(context.requestId ?? null, 64),
    jobId: cut(context.jobId ?? null, 64),
  }));
}

function cut(value: string | null, max = 255): string | null {
  return value === null ? null : value.slice(0, max);
}
