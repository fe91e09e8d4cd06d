import { IsNull, type Repository } from 'typeorm';
import { auditInTransaction } from './audit-in-transaction.util.js';
import { Connection, type ConnectionStatus } from './connection.entity.js';
import type { StatusChange } from './connection.repository.js';
import type { ConnectionTokenSealer, PlainTokens } from './connection-token-sealer.js';
import { applicableReason, statusAudit } from './status-change.util.js';
import { keepUpdatedAt } from './token-reencryption.js';
import { inWriteTransaction } from './write-transaction.util.js';

const NO_TOKENS: PlainTokens = { accessToken: '', secret: null, refreshToken: null };

/**
 * `TypeOrmConnectionRepository.setStatus`: one guarded UPDATE of a row it has just read, and
 * its audit entry, in one transaction.
 */
export class ConnectionStatusWriter {
  constructor(
    private readonly repository: Repository<Connection>,
    private readonly sealer: ConnectionTokenSealer,
  ) {}

  async write(
    id: string,
    status: ConnectionStatus,
    change?: StatusChange,
  ): Promise<Connection | null> {
    const row = await this.repository.findOneBy({ id });
    if (!row) return null;
    const tokens = this.tryOpen(row);
    const reason = applicableReason(row, tokens, status, change);
    if (reason === undefined) return null;
    // Guarded by the values read: a row refreshed or set meanwhile stays as it is.
    const written = await inWriteTransaction(this.repository.manager, async (manager) => {
      const result = await manager.update(
        Connection,
        {
          id,
          status: row.status,
          accessToken: row.accessToken,
          refreshToken: row.refreshToken ?? IsNull(),
        },
        { status, statusReason: reason, updatedAt: keepUpdatedAt(this.repository) },
      );
      if ((result.affected ?? 0) === 0) return false;
      await auditInTransaction(manager, { connection: row, ...statusAudit(row, status, reason) });
      return true;
    });
    if (!written) return null;
    return Object.assign(row, tokens ?? NO_TOKENS, { status, statusReason: reason });
  }

  private tryOpen(row: Connection): PlainTokens | null {
    try {
      return this.sealer.open(row);
    } catch {
      return null;
    }
  }
}
