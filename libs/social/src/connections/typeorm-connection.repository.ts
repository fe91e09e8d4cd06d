import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, IsNull, LessThan, type Repository } from 'typeorm';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { ConnectionConflictError, ConnectionGoneError } from '../social.exceptions.js';
import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import { Connection, type ConnectionStatus } from './connection.entity.js';
import type { NewConnection } from './connection-values.js';
import {
  type ConnectionMatch,
  ConnectionRepository,
  matchesConnection,
  type RemovalCheck,
  type StatusChange,
} from './connection.repository.js';
import { ConnectionStatusWriter } from './connection-status.writer.js';
import { ConnectionRowOpener } from './connection-row-opener.js';
import { ConnectionTokenSealer } from './connection-token-sealer.js';
import { exclusive } from './exclusive.util.js';
import { fitProfileValues } from './fit-profile-values.util.js';
import { keepUpdatedAt, reencryptRows } from './token-reencryption.js';
import { insertRanked } from './ranked-insert.js';
import { isUniqueViolation } from './unique-violation.util.js';

/**
 * `ConnectionRepository` on TypeORM (SQLite, PostgreSQL, or any driver TypeORM supports).
 * Tokens are encrypted on write and decrypted on read (see `TokenCipher`), so callers only ever
 * see plaintext. A row whose tokens do not decrypt is set `needs_reauth` and read without
 * tokens (`accessToken` `''`, `secret` and `refreshToken` null); one sealed under a key this
 * instance lacks is not: reading it throws `UnknownTokenKeyError` (a 503).
 *
 * @publicApi
 */
@Injectable()
export class TypeOrmConnectionRepository extends ConnectionRepository {
  private readonly sealer: ConnectionTokenSealer;
  private readonly rows: ConnectionRowOpener;
  private readonly statuses: ConnectionStatusWriter;

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
    this.statuses = new ConnectionStatusWriter(repository, this.sealer);
    this.rows = new ConnectionRowOpener(this.sealer, (id, status, change) =>
      this.setStatus(id, status, change),
    );
  }

  async findById(id: string) {
    const row = await this.repository.findOneBy({ id });
    return row && this.rows.open(row);
  }

  async findConnection(userId: string, providerId: string, providerUserId?: string) {
    const row = await this.repository.findOne({
      where: { userId, providerId, ...(providerUserId === undefined ? {} : { providerUserId }) },
      order: { rank: 'ASC', createdAt: 'ASC' },
    });
    return row && this.rows.open(row);
  }

  async findConnections(userId: string, providerId?: string) {
    const rows = await this.repository.find({
      where: { userId, ...(providerId === undefined ? {} : { providerId }) },
      order: { providerId: 'ASC', rank: 'ASC', createdAt: 'ASC' },
    });
    return Promise.all(rows.map((row) => this.rows.open(row)));
  }

  async findByProviderUser(providerId: string, providerUserId: string) {
    const row = await this.repository.findOne({ where: { providerId, providerUserId } });
    return row && this.rows.open(row);
  }

  async createConnection(values: NewConnection): Promise<Connection> {
    // Generated here: the row id is part of what each token's ciphertext is bound to.
    const id = randomUUID();
    const now = new Date();
    const row = this.repository.create({
      ...values,
      ...fitProfileValues(values),
      ...this.sealer.seal(id, values.userId, values),
      id,
      status: 'active',
      statusReason: null,
      refreshLeaseUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      // A single INSERT: atomic on its own, and the unique index settles concurrent callbacks.
      row.rank = await insertRanked(this.repository, row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConnectionConflictError(values.providerId, values.providerUserId);
      }
      throw error;
    }
    // The row as stored, its tokens as given: nothing to read back or decrypt.
    return Object.assign(row, {
      accessToken: values.accessToken,
      secret: values.secret ?? null,
      refreshToken: values.refreshToken ?? null,
    });
  }

  /**
   * One UPDATE guarded by the key the row was read under, no read before or after. A refresh
   * token that was not renewed keeps its stored ciphertext (so one a concurrent refresh rotated
   * in meanwhile survives). A row that was re-sealed, flagged or removed since goes the way of
   * `updateTokens`, which reads it again (and rejects when it is gone).
   */
  override async updateTokensOf(
    read: Connection,
    tokens: ConnectionTokens,
    profile: Partial<Omit<ProfileValues, 'providerUserId'>> = {},
  ): Promise<Connection> {
    const underCurrentKey = read.encKeyId === this.sealer.currentKeyId;
    if (read.status !== 'active' || !underCurrentKey)
      return this.updateTokens(read.id, tokens, profile);
    const renewsRefresh = tokens.refreshToken != null;
    const next = {
      ...tokens,
      secret: tokens.secret ?? null,
      refreshToken: renewsRefresh ? tokens.refreshToken! : read.refreshToken,
      scope: tokens.scope ?? read.scope,
    };
    const { refreshToken: sealedRefresh, ...sealed } = this.sealer.seal(read.id, read.userId, next);
    const values = {
      expiresAt: next.expiresAt ?? null,
      scope: next.scope ?? null,
      ...fitProfileValues(profile),
      status: 'active' as const,
      statusReason: null,
      updatedAt: new Date(),
    };
    const result = await this.repository.update(
      { id: read.id, encKeyId: read.encKeyId ?? IsNull(), status: 'active' },
      { ...values, ...sealed, ...(renewsRefresh ? { refreshToken: sealedRefresh } : {}) },
    );
    if ((result.affected ?? 0) === 0) return this.updateTokens(read.id, tokens, profile);
    const { accessToken, secret, refreshToken } = next;
    return Object.assign(new Connection(), read, values, { accessToken, secret, refreshToken });
  }

  /** Also makes the connection `active`: the tokens come from a fresh authorization or refresh. */
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
        status: 'active',
        statusReason: null,
      },
    );
    const updated = await this.repository.findOneBy({ id });
    if (!updated) throw new ConnectionGoneError(id);
    return this.rows.open(updated);
  }

  setStatus(id: string, status: ConnectionStatus, change?: StatusChange) {
    return this.statuses.write(id, status, change);
  }

  override async claimRefresh(id: string, until: Date): Promise<boolean> {
    // One UPDATE: of concurrent claimers, across instances, exactly one sees a row affected.
    const claimed = await this.repository.update(
      [
        { id, refreshLeaseUntil: IsNull() },
        { id, refreshLeaseUntil: LessThan(new Date()) },
      ],
      { refreshLeaseUntil: until, updatedAt: keepUpdatedAt(this.repository) },
    );
    return (claimed.affected ?? 0) > 0;
  }

  override async releaseRefresh(id: string): Promise<void> {
    await this.repository.update(
      { id },
      { refreshLeaseUntil: null, updatedAt: keepUpdatedAt(this.repository) },
    );
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

  /** The check and the delete under a lock on the user's rows (`SELECT … FOR UPDATE`). */
  override removeMatching(userId: string, match: ConnectionMatch, refuse?: RemovalCheck) {
    const dataSource = this.repository.manager.connection;
    return exclusive(dataSource, `user:${userId}`, async (manager, lock) => {
      const rows = manager.getRepository(Connection);
      const all = await rows.find({
        where: { userId },
        order: { providerId: 'ASC', rank: 'ASC' },
        lock,
      });
      const removing = all.filter((c) => matchesConnection(c, match));
      if (removing.length === 0) return [];
      const remaining = all.filter((c) => !removing.includes(c));
      if (refuse && (await refuse(remaining, removing))) return null;
      await rows.delete({ id: In(removing.map((c) => c.id)) });
      // For revocation: tokens when they open, none when they do not (the row is gone anyway).
      return removing.map((row) => {
        try {
          return Object.assign(row, this.sealer.open(row));
        } catch {
          return Object.assign(row, { accessToken: '', secret: null, refreshToken: null });
        }
      });
    });
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
   * Re-encrypts with the current key every row under another key, or in plaintext (see
   * `reencryptRows`). Run it after making a new key current, before retiring the old one.
   */
  reencryptAll(batchSize = 500): Promise<{ reencrypted: number; failed: number }> {
    return reencryptRows(
      this.repository,
      this.sealer,
      (row, error) => this.rows.decryptFailed(row, error),
      batchSize,
    );
  }
}
