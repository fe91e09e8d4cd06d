import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type FindOptionsWhere, IsNull, MoreThan, Not, Repository } from 'typeorm';
import type { TokenCipher } from '../crypto/token-cipher.js';
import {
  ConnectionConflictError,
  ConnectionGoneError,
  TokenDecryptError,
} from '../social.exceptions.js';
import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import { Connection } from './connection.entity.js';
import type { NewConnection } from './connection-values.js';
import { ConnectionRepository } from './connection.repository.js';
import { ConnectionTokenSealer } from './connection-token-sealer.js';
import { fitProfileValues } from './fit-profile-values.util.js';
import { isUniqueViolation } from './unique-violation.util.js';

/**
 * `ConnectionRepository` on TypeORM (SQLite, PostgreSQL, or any driver TypeORM supports).
 * Tokens are encrypted on write and decrypted on read (see `TokenCipher`), so callers only ever
 * see plaintext. A row whose tokens do not decrypt is flagged `needsReauth` and read without
 * tokens (`accessToken` `''`, `secret` and `refreshToken` null).
 *
 * @publicApi
 */
@Injectable()
export class TypeOrmConnectionRepository extends ConnectionRepository {
  private readonly logger = new Logger('SocialModule');
  private readonly sealer: ConnectionTokenSealer;

  /**
   * @param cipher encrypts the tokens at rest; `null` stores them in plaintext
   *   (`tokenEncryptionKeys: false`, only for tests and throwaway setups).
   */
  constructor(
    private readonly repository: Repository<Connection>,
    private readonly cipher: TokenCipher | null,
  ) {
    super();
    this.sealer = new ConnectionTokenSealer(cipher);
  }

  async findConnection(userId: string, providerId: string, providerUserId?: string) {
    const row = await this.repository.findOne({
      where: { userId, providerId, ...(providerUserId === undefined ? {} : { providerUserId }) },
      order: { rank: 'ASC', createdAt: 'ASC' },
    });
    return row && this.open(row);
  }

  async findConnections(userId: string, providerId?: string) {
    const rows = await this.repository.find({
      where: { userId, ...(providerId === undefined ? {} : { providerId }) },
      order: { providerId: 'ASC', rank: 'ASC', createdAt: 'ASC' },
    });
    return Promise.all(rows.map((row) => this.open(row)));
  }

  async findByProviderUser(providerId: string, providerUserId: string) {
    const row = await this.repository.findOne({ where: { providerId, providerUserId } });
    return row && this.open(row);
  }

  async createConnection(values: NewConnection): Promise<Connection> {
    const highest = await this.repository.maximum('rank', {
      userId: values.userId,
      providerId: values.providerId,
    });
    // Generated here: the row id is part of what each token's ciphertext is bound to.
    const id = randomUUID();
    const connection = this.repository.create({
      ...values,
      ...fitProfileValues(values),
      ...this.sealer.seal(id, values.userId, values),
      id,
      needsReauth: false,
      // After the highest, not the count: removing rank 1 of 2 must not give two rank-2 rows.
      rank: (highest ?? 0) + 1,
    });
    try {
      // A single INSERT: atomic on its own, and the unique index settles concurrent callbacks.
      await this.repository.insert(connection);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConnectionConflictError(values.providerId, values.providerUserId);
      }
      throw error;
    }
    return this.open(await this.repository.findOneByOrFail({ id }));
  }

  /** Also clears `needsReauth`: the tokens come from a fresh authorization. */
  async updateTokens(
    id: string,
    tokens: ConnectionTokens,
    profile: Partial<Omit<ProfileValues, 'providerUserId'>> = {},
  ): Promise<Connection> {
    const current = await this.repository.findOneBy({ id });
    if (!current) throw new ConnectionGoneError(id);
    // RFC 6749 §6: a refresh token is replaced only when a new one is issued; a login that asks
    // for none (Google without access_type=offline) must not erase the one a connect obtained.
    // It is re-sealed with the rest, so the whole row stays under the current key.
    const kept = tokens.refreshToken == null ? this.keptRefreshToken(current) : tokens.refreshToken;
    const next = { ...tokens, refreshToken: kept, scope: tokens.scope ?? current.scope };
    await this.repository.update(
      { id },
      {
        ...next,
        // The user id is bound into the ciphertext; it never changes for a row.
        ...this.sealer.seal(id, current.userId, next),
        ...fitProfileValues(profile),
        needsReauth: false,
      },
    );
    const updated = await this.repository.findOneBy({ id });
    if (!updated) throw new ConnectionGoneError(id);
    return this.open(updated);
  }

  override async markNeedsReauth(id: string): Promise<void> {
    await this.repository.update({ id }, { needsReauth: true });
  }

  /** The stored refresh token in plaintext, or null when there is none or it cannot be read. */
  private keptRefreshToken(row: Connection): string | null {
    try {
      return this.sealer.open(row).refreshToken ?? null;
    } catch {
      return null;
    }
  }

  async removeConnection(userId: string, providerId: string, providerUserId: string) {
    const result = await this.repository.delete({ userId, providerId, providerUserId });
    return (result.affected ?? 0) > 0;
  }

  async removeConnections(userId: string, providerId: string) {
    const result = await this.repository.delete({ userId, providerId });
    return result.affected ?? 0;
  }

  /** Runs `work` in a TypeORM transaction; `context` is its `EntityManager`. */
  override transaction<T>(
    work: (repository: ConnectionRepository, context: unknown) => Promise<T>,
  ): Promise<T> {
    return this.repository.manager.transaction((manager) =>
      work(
        new TypeOrmConnectionRepository(manager.getRepository(Connection), this.cipher),
        manager,
      ),
    );
  }

  /**
   * Re-encrypts with the current key every row whose `encKeyId` is another key, or null
   * (plaintext written with encryption off: this is also the plaintext migration), reading
   * `batchSize` rows at a time. Each row is written by its own UPDATE guarded by the values it
   * was read with, so a concurrent `updateTokens` is never overwritten (its row already has the
   * current key). A row that does not decrypt is flagged `needsReauth`, left as it is, and
   * counted in `failed`. Run it after making a new key current, before retiring the old one.
   */
  async reencryptAll(batchSize = 500): Promise<{ reencrypted: number; failed: number }> {
    const current = this.sealer.currentKeyId;
    if (current === null) {
      throw new Error('reencryptAll needs tokenEncryptionKeys; it is false (plaintext storage)');
    }
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    let reencrypted = 0;
    let failed = 0;
    // Keyset paging by id: rows left behind (undecryptable, or raced) are not read again.
    let after = '';
    for (;;) {
      const rows = await this.repository.find({
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
          tokens = this.sealer.open(row);
        } catch (error) {
          if (!(error instanceof TokenDecryptError)) throw error;
          await this.flagNeedsReauth(row, error);
          failed += 1;
          continue;
        }
        const result = await this.repository.update(asStored(row), {
          ...this.sealer.seal(row.id, row.userId, tokens),
          updatedAt: this.keepUpdatedAt(),
        });
        if ((result.affected ?? 0) > 0) reencrypted += 1;
      }
      after = rows[rows.length - 1]!.id;
    }
    return { reencrypted, failed };
  }

  /** Decrypts a row's tokens in place; one that does not decrypt is flagged and emptied. */
  private async open(row: Connection): Promise<Connection> {
    try {
      return Object.assign(row, this.sealer.open(row));
    } catch (error) {
      if (!(error instanceof TokenDecryptError)) throw error;
      await this.flagNeedsReauth(row, error);
      // Never a plaintext fallback: the connection goes out without tokens.
      return Object.assign(row, {
        accessToken: '',
        secret: null,
        refreshToken: null,
        needsReauth: true,
      });
    }
  }

  /** Flags the row once, and reports it then (without token material). */
  private async flagNeedsReauth(row: Connection, error: TokenDecryptError): Promise<void> {
    const result = await this.repository.update(
      { id: row.id, needsReauth: false },
      { needsReauth: true, updatedAt: this.keepUpdatedAt() },
    );
    if ((result.affected ?? 0) > 0) {
      this.logger.error(
        `Connection ${row.id} (${row.providerId}): ${error.message}. ` +
          'Flagged needsReauth: the user must connect again.',
      );
    }
  }

  /** `SET "updatedAt" = "updatedAt"`: bookkeeping writes are not token refreshes. */
  private keepUpdatedAt(): () => string {
    const column = this.repository.metadata.updateDateColumn!.databaseName;
    return () => this.repository.manager.dataSource.driver.escape(column);
  }
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
