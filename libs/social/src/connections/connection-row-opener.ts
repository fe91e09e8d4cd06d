import { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { TokenDecryptError, UnknownTokenKeyError } from '../social.exceptions.js';
import type { Connection } from './connection.entity.js';
import type { ConnectionTokenSealer } from './connection-token-sealer.js';
import { keepUpdatedAt } from './token-reencryption.js';

/** Opens stored rows for `TypeOrmConnectionRepository`, and keeps `needsReauth` right on the way. */
export class ConnectionRowOpener {
  private readonly logger = new Logger('SocialModule');

  constructor(
    private readonly repository: Repository<Connection>,
    private readonly sealer: ConnectionTokenSealer,
  ) {}

  /**
   * Decrypts a row's tokens in place. One that does not decrypt is flagged and emptied; one
   * whose flag a decrypt failure set, and that decrypts again (its key is back), is cleared.
   */
  async open(row: Connection): Promise<Connection> {
    try {
      Object.assign(row, this.sealer.open(row));
    } catch (error) {
      if (!(error instanceof TokenDecryptError)) throw error;
      await this.decryptFailed(row, error);
      if (error instanceof UnknownTokenKeyError) throw error;
      // Never a plaintext fallback: the connection goes out without tokens.
      return Object.assign(row, {
        accessToken: '',
        secret: null,
        refreshToken: null,
        needsReauth: true,
      });
    }
    if (row.needsReauth && row.needsReauthReason === 'decrypt_failed')
      await this.clearDecryptFlag(row);
    return row;
  }

  /**
   * A key this instance lacks is a rotation half rolled out: reported, never flagged (the row is
   * fine wherever the key is). Anything else that does not decrypt is flagged once, and reported
   * then (without token material).
   */
  async decryptFailed(row: Connection, error: TokenDecryptError): Promise<void> {
    if (error instanceof UnknownTokenKeyError) {
      this.logger.error(`Connection ${row.id} (${row.providerId}): ${error.message}`);
      return;
    }
    const result = await this.repository.update(
      { id: row.id, needsReauth: false },
      {
        needsReauth: true,
        needsReauthReason: 'decrypt_failed',
        updatedAt: keepUpdatedAt(this.repository),
      },
    );
    if ((result.affected ?? 0) > 0) {
      this.logger.error(
        `Connection ${row.id} (${row.providerId}): ${error.message}. ` +
          'Flagged needsReauth: the user must connect again.',
      );
    }
  }

  private async clearDecryptFlag(row: Connection): Promise<void> {
    await this.repository.update(
      { id: row.id, needsReauthReason: 'decrypt_failed' },
      { needsReauth: false, needsReauthReason: null, updatedAt: keepUpdatedAt(this.repository) },
    );
    Object.assign(row, { needsReauth: false, needsReauthReason: null });
  }
}
