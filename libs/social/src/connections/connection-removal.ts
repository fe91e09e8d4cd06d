import { type EntityManager, In } from 'typeorm';
import { auditInTransaction } from './audit-in-transaction.util.js';
import { Connection } from './connection.entity.js';
import type { RemovalOptions, RemovedConnection } from './connection.repository.js';
import type { ConnectionTokenSealer } from './connection-token-sealer.js';
import { enqueueRevocations } from './typeorm-revocation-queue.js';
import { inWriteTransaction } from './write-transaction.util.js';

/** How long a remover holds the revocations it queued, to try them at once. */
const DEFAULT_LEASE_MS = 60_000;

/** What a removal needs to seal the tokens it queues for revocation. */
export interface RemovalSealers {
  connections: ConnectionTokenSealer;
  revocations: ConnectionTokenSealer;
}

/**
 * Deletes `rows` (read under the caller's lock), audits each removal and queues the revocations
 * `removal` asks for: one transaction. Answers the removed connections with their tokens
 * decrypted when they can be (none when they cannot: the row is gone anyway).
 */
export function removeRows(
  manager: EntityManager,
  rows: Connection[],
  sealers: RemovalSealers,
  removal: RemovalOptions = {},
): Promise<RemovedConnection[]> {
  const removed = rows.map((row) => withTokens(row, sealers.connections));
  return inWriteTransaction(manager, async (transaction) => {
    if (removed.length === 0) return [];
    await transaction.delete(Connection, { id: In(removed.map((c) => c.id)) });
    await auditInTransaction(
      transaction,
      removed.map((connection) => ({ action: 'removed' as const, connection })),
    );
    const revocable = removed.filter(
      (c) => c.accessToken !== '' && (removal.revocable?.(c) ?? false),
    );
    const jobs = await enqueueRevocations(
      transaction,
      sealers.revocations,
      revocable,
      removal.leaseMs ?? DEFAULT_LEASE_MS,
    );
    return removed.map((connection) =>
      Object.assign(connection, { revocation: jobs.find((j) => j.connectionId === connection.id) }),
    );
  });
}

function withTokens(row: Connection, sealer: ConnectionTokenSealer): Connection {
  try {
    return Object.assign(row, sealer.open(row));
  } catch {
    return Object.assign(row, { accessToken: '', secret: null, refreshToken: null });
  }
}
