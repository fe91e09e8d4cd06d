import type { TokenBinding, TokenCipher, TokenColumn } from '../crypto/token-cipher.js';
import { TokenDecryptError } from '../social.exceptions.js';
import type { ConnectionTokens } from '../social.types.js';
import type { Connection } from './connection.entity.js';

/** The tokens as the application uses them. */
export type PlainTokens = Pick<ConnectionTokens, TokenColumn>;

/** The token columns as stored, with the id of the key that sealed them (null: plaintext). */
export type StoredTokens = Pick<Connection, TokenColumn | 'encKeyId'>;

/**
 * Turns a connection's tokens into what its row stores, and back. Each token is bound to its row,
 * column and user (see `TokenCipher`). Without a cipher (`tokenEncryptionKeys: false`) tokens
 * are stored as they are, with `encKeyId` null.
 */
export class ConnectionTokenSealer {
  /** @param table the table the sealed tokens are bound to (the revocation queue has its own). */
  constructor(
    private readonly cipher: TokenCipher | null,
    private readonly table: TokenBinding['table'] = 'social_connection',
  ) {}

  /** The key id new rows are sealed with; null when encryption is off. */
  get currentKeyId(): string | null {
    return this.cipher?.currentKeyId ?? null;
  }

  seal(rowId: string, userId: string, tokens: PlainTokens): StoredTokens {
    const cipher = this.cipher;
    if (!cipher) {
      return {
        accessToken: tokens.accessToken,
        secret: tokens.secret ?? null,
        refreshToken: tokens.refreshToken ?? null,
        encKeyId: null,
      };
    }
    const seal = (column: TokenColumn, value: string | null | undefined) =>
      value == null ? null : cipher.encrypt(value, { table: this.table, rowId, column, userId });
    return {
      accessToken: seal('accessToken', tokens.accessToken)!,
      secret: seal('secret', tokens.secret),
      refreshToken: seal('refreshToken', tokens.refreshToken),
      encKeyId: cipher.currentKeyId,
    };
  }

  /**
   * The plaintext tokens of a stored row, or `TokenDecryptError`. A row is plaintext only when
   * its `encKeyId` is null (written with encryption off): that column decides, never the look
   * of the value.
   */
  open(row: Pick<Connection, 'id' | 'userId'> & StoredTokens): PlainTokens {
    if (row.encKeyId === null) {
      return { accessToken: row.accessToken, secret: row.secret, refreshToken: row.refreshToken };
    }
    const cipher = this.cipher;
    if (!cipher) {
      throw new TokenDecryptError('the row is encrypted but tokenEncryptionKeys is false');
    }
    const open = (column: TokenColumn, value: string | null) =>
      value === null
        ? null
        : cipher.decrypt(value, { table: this.table, rowId: row.id, column, userId: row.userId });
    return {
      accessToken: open('accessToken', row.accessToken)!,
      secret: open('secret', row.secret),
      refreshToken: open('refreshToken', row.refreshToken),
    };
  }
}
