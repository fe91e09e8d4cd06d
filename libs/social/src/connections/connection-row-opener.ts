import { Logger } from '@nestjs/common';
import { TokenDecryptError, UnknownTokenKeyError } from '../social.exceptions.js';
import type { Connection } from './connection.entity.js';
import type { ConnectionRepository } from './connection.repository.js';
import type { ConnectionTokenSealer } from './connection-token-sealer.js';

/** The repository's one status write (`ConnectionRepository.setStatus`). */
type SetStatus = ConnectionRepository['setStatus'];

/**
 * Opens stored rows for `TypeOrmConnectionRepository`, and keeps the `decrypt_failed` status
 * right on the way (through the repository's `setStatus`).
 */
export class ConnectionRowOpener {
  private readonly logger = new Logger('SocialModule');

  constructor(
    private readonly sealer: ConnectionTokenSealer,
    private readonly setStatus: SetStatus,
  ) {}

  /**
   * Decrypts a row's tokens in place. One that does not decrypt is set `needs_reauth` and
   * emptied; one a decrypt failure set so, and that decrypts again (its key is back), is `active`.
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
        status: 'needs_reauth',
        statusReason: 'decrypt_failed',
      });
    }
    if (row.statusReason === 'decrypt_failed') await this.clearDecryptFlag(row);
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
    const changed = await this.setStatus(row.id, 'needs_reauth', {
      reason: 'decrypt_failed',
      ifStatus: ['active'],
    });
    if (changed) {
      this.logger.error(
        `Connection ${row.id} (${row.providerId}): ${error.message}. ` +
          'Set needs_reauth: the user must connect again.',
      );
    }
  }

  private async clearDecryptFlag(row: Connection): Promise<void> {
    await this.setStatus(row.id, 'active', { ifStatus: ['needs_reauth'] });
    Object.assign(row, { status: 'active', statusReason: null });
  }
}
