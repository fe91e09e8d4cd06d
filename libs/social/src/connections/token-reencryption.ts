import { type FindOptionsWhere, IsNull, MoreThan, Not, type Repository } from 'typeorm';
import { TokenDecryptError } from '../social.exceptions.js';
import { auditInTransaction } from './audit-in-transaction.util.js';
import { Connection } from './connection.entity.js';
import type { ConnectionTokenSealer } from './connection-token-sealer.js';
import { inWriteTransaction } from './write-transaction.util.js';

/**
 * Re-encrypts with the current key every row whose `encKeyId` is another key, or null
 * (plaintext written with encryption off: this is also the plaintext migration), reading
 * `batchSize` rows at a time. Each row is written by its own UPDATE guarded by the values it
 * was read with, so a concurrent token update is never overwritten (its row already has the
 * current key). A row that does not decrypt is handed to `failed` (which flags it when that is
 * right), left as it is, and counted in `failed`.
 */
export async function reencryptRows(
  repository: Repository<Connection>,
  sealer: ConnectionTokenSealer,
  failed: (row: Connection, error: TokenDecryptError) => Promise<void>,
  batchSize: number,
): Promise<{ reencrypted: number; failed: number }> {
  const current = sealer.currentKeyId;
  if (current === null) {
    throw new Error('reencryptAll needs tokenEncryptionKeys; it is false (plaintext storage)');
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const counts = { reencrypted: 0, failed: 0 };
  // Keyset paging by id: rows left behind (undecryptable, or raced) are not read again.
  let after = '';
  for (;;) {
    const rows = await repository.find({
      where: [
        { id: MoreThan(after), encKeyId: Not(current) },
        { id: MoreThan(after), encKeyId: IsNull() },
      ],
      order: { id: 'ASC' },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      let tokens;
      try {
        tokens = sealer.open(row);
      } catch (error) {
        if (!(error instanceof TokenDecryptError)) throw error;
        await failed(row, error);
        counts.failed += 1;
        continue;
      }
      const written = await inWriteTransaction(repository.manager, async (manager) => {
        const result = await manager.update(Connection, asStored(row), {
          ...sealer.seal(row.id, row.userId, tokens),
          updatedAt: keepUpdatedAt(repository),
        });
        if ((result.affected ?? 0) === 0) return false;
        await auditInTransaction(manager, { action: 'reencrypted', connection: row });
        return true;
      });
      if (written) counts.reencrypted += 1;
    }
    after = rows[rows.length - 1]!.id;
  }
  return counts;
}

/** `SET "updatedAt" = "updatedAt"`: bookkeeping writes are not token refreshes. */
export function keepUpdatedAt(repository: Repository<Connection>): () => string {
  const column = repository.metadata.updateDateColumn!.databaseName;
  return () => repository.manager.dataSource.driver.escape(column);
}

/** Matches the row only while it still holds the values it was read with. */
function asStored(row: Connection): FindOptionsWhere<Connection> {
  return {
    id: row.id,
    encKeyId: row.encKeyId ?? IsNull(),
    accessToken: row.accessToken,
    secret: row.secret ?? IsNull(),
    refreshToken: row.refreshToken ?? IsNull(),
  };
}
