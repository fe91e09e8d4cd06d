import { randomUUID } from 'node:crypto';
import type { Connection, ConnectionStatus } from '../connections/connection.entity.js';
import { KeyedQueue } from '../connections/keyed-queue.js';
import type { NewConnection } from '../connections/connection-values.js';
import {
  type ConnectionMatch,
  ConnectionRepository,
  type RemovalCheck,
  type RemovalOptions,
  type RemovedConnection,
  type StatusChange,
} from '../connections/connection.repository.js';
import { applicableReason, statusAudit } from '../connections/status-change.util.js';
import { fitProfileValues } from '../connections/fit-profile-values.util.js';
import { ConnectionConflictError, ConnectionGoneError } from '../social.exceptions.js';
import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import { InMemoryConnectionAuditLog } from './in-memory-audit-log.js';
import { InMemoryRevocationQueue } from './in-memory-revocation-queue.js';

/**
 * A `ConnectionRepository` in memory, for an app's own tests: the contract of the TypeORM one
 * (one provider account per user, ranks, a login without a refresh token keeps the stored one,
 * `ConnectionConflictError` / `ConnectionGoneError`, transactions that roll back, the audit
 * trail and the revocation queue), without a database. Tokens are kept as given: nothing is
 * encrypted.
 *
 * @example
 * SocialModule.forRoot({ ..., connectionRepository: InMemoryConnectionRepository })
 * @publicApi
 */
export class InMemoryConnectionRepository extends ConnectionRepository {
  private rows = new Map<string, Connection>();
  private readonly removals = new KeyedQueue();
  private readonly audit = new InMemoryConnectionAuditLog();
  private readonly revocations = new InMemoryRevocationQueue(this.audit);

  override auditLog(): InMemoryConnectionAuditLog {
    return this.audit;
  }

  override revocationQueue(): InMemoryRevocationQueue {
    return this.revocations;
  }

  /** Every stored connection (copies), oldest first. */
  all(): Connection[] {
    return [...this.rows.values()].map(copy);
  }

  /** Forgets every connection, audit entry and queued revocation. */
  clear(): void {
    this.rows.clear();
    this.audit.clear();
    this.revocations.clear();
  }

  async findById(id: string) {
    const row = this.rows.get(id);
    return row ? copy(row) : null;
  }

  async findConnection(userId: string, providerId: string, providerUserId?: string) {
    const found = this.select(
      (c) =>
        c.userId === userId &&
        c.providerId === providerId &&
        (providerUserId === undefined || c.providerUserId === providerUserId),
    );
    return found[0] ?? null;
  }

  async findConnections(userId: string, providerId?: string) {
    return this.select(
      (c) => c.userId === userId && (providerId === undefined || c.providerId === providerId),
    );
  }

  async findByProviderUser(providerId: string, providerUserId: string) {
    return (
      this.select((c) => c.providerId === providerId && c.providerUserId === providerUserId)[0] ??
      null
    );
  }

  async createConnection(values: NewConnection): Promise<Connection> {
    const taken = await this.findByProviderUser(values.providerId, values.providerUserId);
    if (taken) throw new ConnectionConflictError(values.providerId, values.providerUserId);
    const ranks = (await this.findConnections(values.userId, values.providerId)).map((c) => c.rank);
    const now = new Date();
    const connection: Connection = {
      id: randomUUID(),
      userId: values.userId,
      providerId: values.providerId,
      providerUserId: values.providerUserId,
      accessToken: values.accessToken,
      secret: values.secret ?? null,
      refreshToken: values.refreshToken ?? null,
      expiresAt: values.expiresAt ?? null,
      scope: values.scope ?? null,
      displayName: null,
      fullName: null,
      email: null,
      profileUrl: null,
      imageUrl: null,
      ...fitProfileValues(values),
      encKeyId: null,
      status: 'active',
      statusReason: null,
      refreshLeaseUntil: null,
      // After the highest, not the count: removing rank 1 of 2 must not give two rank-2 rows.
      rank: Math.max(0, ...ranks) + 1,
      createdAt: now,
      updatedAt: now,
    };
    this.rows.set(connection.id, connection);
    this.audit.record({ action: 'created', connection });
    return copy(connection);
  }

  async updateTokens(
    id: string,
    tokens: ConnectionTokens,
    profile: Partial<Omit<ProfileValues, 'providerUserId'>> = {},
  ): Promise<Connection> {
    const current = this.rows.get(id);
    if (!current) throw new ConnectionGoneError(id);
    const updated: Connection = {
      ...current,
      ...tokens,
      // RFC 6749 §6: a refresh token is replaced only when a new one is issued.
      refreshToken: tokens.refreshToken ?? current.refreshToken,
      scope: tokens.scope ?? current.scope,
      ...fitProfileValues(profile),
      status: 'active',
      statusReason: null,
      updatedAt: new Date(),
    };
    this.rows.set(id, updated);
    this.audit.record({ action: 'updated', connection: updated });
    return copy(updated);
  }

  async setStatus(
    id: string,
    status: ConnectionStatus,
    change?: StatusChange,
  ): Promise<Connection | null> {
    const current = this.rows.get(id);
    if (!current) return null;
    const reason = applicableReason(current, current, status, change);
    if (reason === undefined) return null;
    const updated = { ...current, status, statusReason: reason };
    this.rows.set(id, updated);
    this.audit.record({ connection: current, ...statusAudit(current, status, reason) });
    return copy(updated);
  }

  override async claimRefresh(id: string, until: Date): Promise<boolean> {
    const current = this.rows.get(id);
    const held = current?.refreshLeaseUntil && current.refreshLeaseUntil.getTime() > Date.now();
    if (!current || held) return false;
    this.rows.set(id, { ...current, refreshLeaseUntil: until });
    return true;
  }

  override async releaseRefresh(id: string): Promise<void> {
    const current = this.rows.get(id);
    if (current) this.rows.set(id, { ...current, refreshLeaseUntil: null });
  }

  /** The default check-then-remove, one removal at a time per user; revocations queued. */
  override removeMatching(
    userId: string,
    match: ConnectionMatch,
    refuse?: RemovalCheck,
    removal: RemovalOptions = {},
  ): Promise<RemovedConnection[] | null> {
    return this.removals.run(userId, async () => {
      const removed = await super.removeMatching(userId, match, refuse);
      if (!removed) return null;
      const revocable = removed.filter((c) => removal.revocable?.(c) ?? false);
      const jobs = this.revocations.enqueue(revocable, removal.leaseMs ?? 60_000);
      return removed.map((c) =>
        Object.assign(c, { revocation: jobs.find((j) => j.connectionId === c.id) }),
      );
    });
  }

  async removeConnection(userId: string, providerId: string, providerUserId: string) {
    const found = await this.findConnection(userId, providerId, providerUserId);
    return found ? this.remove([found]) > 0 : false;
  }

  async removeConnections(userId: string, providerId: string) {
    return this.remove(await this.findConnections(userId, providerId));
  }

  private remove(found: Connection[]): number {
    for (const connection of found) this.rows.delete(connection.id);
    this.audit.record(found.map((connection) => ({ action: 'removed' as const, connection })));
    return found.length;
  }

  /** Runs `work` against this repository; anything it throws restores the rows as they were. */
  override async transaction<T>(
    work: (repository: ConnectionRepository, context: unknown) => Promise<T>,
  ): Promise<T> {
    const before = new Map(this.rows);
    const restore = [this.audit.snapshot(), this.revocations.snapshot()];
    try {
      return await work(this, undefined);
    } catch (error) {
      this.rows = before;
      for (const undo of restore) undo();
      throw error;
    }
  }

  /** Matching rows as copies, ordered as the TypeORM repository orders them. */
  private select(where: (connection: Connection) => boolean): Connection[] {
    return [...this.rows.values()]
      .filter(where)
      .sort(
        (a, b) =>
          a.providerId.localeCompare(b.providerId) ||
          a.rank - b.rank ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      )
      .map(copy);
  }
}

function copy(connection: Connection): Connection {
  return { ...connection };
}
