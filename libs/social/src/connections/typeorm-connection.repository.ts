import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, LessThan, type Repository } from 'typeorm';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { ConnectionConflictError } from '../social.exceptions.js';
import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import { Connection, type ConnectionStatus } from './connection.entity.js';
import type { NewConnection } from './connection-values.js';
import { auditInTransaction } from './audit-in-transaction.util.js';
import { TypeOrmConnectionAuditLog } from './connection-audit-log.js';
import { ConnectionAuditEntry } from './connection-audit.entity.js';
import {
  type ConnectionMatch,
  ConnectionRepository,
  matchesConnection,
  type RemovalCheck,
  type RemovalOptions,
  type StatusChange,
} from './connection.repository.js';
import { type RemovalSealers, removeRows } from './connection-removal.js';
import { ConnectionStatusWriter } from './connection-status.writer.js';
import { RevocationRequest } from './revocation-request.entity.js';
import { revocationSealer, TypeOrmRevocationQueue } from './typeorm-revocation-queue.js';
import { writeTokens, writeTokensOf } from './connection-token-writes.js';
import { inWriteTransaction } from './write-transaction.util.js';
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
  private readonly sealers: RemovalSealers;

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
    this.sealers = { connections: this.sealer, revocations: revocationSealer(cipher) };
  }

  override revocationQueue(): TypeOrmRevocationQueue {
    const requests = this.repository.manager.getRepository(RevocationRequest);
    return new TypeOrmRevocationQueue(requests, this.cipher);
  }

  override auditLog(): TypeOrmConnectionAuditLog {
    return new TypeOrmConnectionAuditLog(
      this.repository.manager.getRepository(ConnectionAuditEntry),
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
      // The unique index settles concurrent callbacks; the audit entry commits with the row.
      row.rank = await inWriteTransaction(this.repository.manager, async (manager) => {
        const rank = await insertRanked(manager.getRepository(Connection), row);
        await auditInTransaction(manager, { action: 'created', connection: row });
        return rank;
      });
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
   * One UPDATE guarded by the key the row was read under, no read before or after. A row that
   * was re-sealed, flagged or removed since goes the way of `updateTokens`, which reads it again
   * (and rejects when it is gone).
   */
  override async updateTokensOf(
    read: Connection,
    tokens: ConnectionTokens,
    profile: Partial<Omit<ProfileValues, 'providerUserId'>> = {},
  ): Promise<Connection> {
    const written = await writeTokensOf(
      this.repository.manager,
      this.sealer,
      read,
      tokens,
      profile,
    );
    return written ?? this.updateTokens(read.id, tokens, profile);
  }

  /** Also makes the connection `active`: the tokens come from a fresh authorization or refresh. */
  async updateTokens(
    id: string,
    tokens: ConnectionTokens,
    profile: Partial<Omit<ProfileValues, 'providerUserId'>> = {},
  ): Promise<Connection> {
    const updated = await writeTokens(this.repository.manager, this.sealer, id, tokens, profile);
    // Opened once committed: a row that does not decrypt is set so in a transaction of its own.
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

  async removeConnection(userId: string, providerId: string, providerUserId: string) {
    const rows = await this.repository.findBy({ userId, providerId, providerUserId });
    return (await removeRows(this.repository.manager, rows, this.sealers)).length > 0;
  }

  async removeConnections(userId: string, providerId: string) {
    const rows = await this.repository.findBy({ userId, providerId });
    return (await removeRows(this.repository.manager, rows, this.sealers)).length;
  }

  /**
   * The check and the delete under a lock on the user's rows (`SELECT … FOR UPDATE`); the
   * delete, its audit entries and the queued revocations in one transaction.
   */
  override removeMatching(
    userId: string,
    match: ConnectionMatch,
    refuse?: RemovalCheck,
    removal?: RemovalOptions,
  ) {
    const dataSource = this.repository.manager.connection;
    return exclusive(dataSource, `user:${userId}`, async (manager, lock) => {
      const all = await manager.getRepository(Connection).find({
        where: { userId },
        order: { providerId: 'ASC', rank: 'ASC' },
        lock,
      });
      const removing = all.filter((c) => matchesConnection(c, match));
      if (removing.length === 0) return [];
      const remaining = all.filter((c) => !removing.includes(c));
      if (refuse && (await refuse(remaining, removing))) return null;
      return removeRows(manager, removing, this.sealers, removal);
    });
  }

  /** Runs `work` in a TypeORM transaction; `context` is its `EntityManager`. */
  override transaction<T>(
    work: (repository: ConnectionRepository, context: unknown) => Promise<T>,
  ): Promise<T> {
    return inWriteTransaction(this.repository.manager, (manager) =>
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
