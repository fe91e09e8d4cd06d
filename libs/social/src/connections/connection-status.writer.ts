import { IsNull, type Repository } from 'typeorm';
import type { Connection, ConnectionStatus } from './connection.entity.js';
import type { StatusChange } from './connection.repository.js';
import type { ConnectionTokenSealer, PlainTokens } from './connection-token-sealer.js';
import { applicableReason } from './status-change.util.js';
import { keepUpdatedAt } from './token-reencryption.js';

const NO_TOKENS: PlainTokens = { accessToken: '', secret: null, refreshToken: null };

/** `TypeOrmConnectionRepository.setStatus`: one guarded UPDATE of a row it has just read. */
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
    const result = await this.repository.update(
      {
        id,
        status: row.status,
        accessToken: row.accessToken,
        refreshToken: row.refreshToken ?? IsNull(),
      },
      { status, statusReason: reason, updatedAt: keepUpdatedAt(this.repository) },
    );
    if ((result.affected ?? 0) === 0) return null;
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
