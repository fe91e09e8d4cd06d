import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import type { Connection, ConnectionStatus, ConnectionStatusReason } from './connection.entity.js';
import type { NewConnection } from './connection-values.js';
import type { ConnectionAuditLog } from './connection-audit-log.js';
import type { RevocationJob, RevocationQueue } from './revocation-queue.js';

/**
 * Persistence of connections: the DI token and the contract. The default implementation is
 * `TypeOrmConnectionRepository`; provide your own class under this token to store elsewhere.
 * Writes are atomic; `createConnection` rejects with `ConnectionConflictError` when the provider
 * account is already linked (including a lost race with a concurrent insert).
 *
 * @publicApi
 */
export abstract class ConnectionRepository {
  /** The user's connection to a provider (the first by rank), or the one with that provider user id. */
  abstract findConnection(
    userId: string,
    providerId: string,
    providerUserId?: string,
  ): Promise<Connection | null>;

  /** All the user's connections, optionally to one provider, ordered by provider then rank. */
  abstract findConnections(userId: string, providerId?: string): Promise<Connection[]>;

  /** The connection of a provider account, whichever user it belongs to. */
  abstract findByProviderUser(
    providerId: string,
    providerUserId: string,
  ): Promise<Connection | null>;

  /** Inserts a connection. Rejects with `ConnectionConflictError` if the provider account is taken. */
  abstract createConnection(values: NewConnection): Promise<Connection>;

  /**
   * Replaces the tokens (and refreshes the profile values, when given) of a connection. Rejects
   * with `ConnectionGoneError` when the row was removed meanwhile (a concurrent disconnect).
   */
  abstract updateTokens(
    id: string,
    tokens: ConnectionTokens,
    profile?: Partial<Omit<ProfileValues, 'providerUserId'>>,
  ): Promise<Connection>;

  /**
   * `updateTokens` for a connection the caller has just read (a returning login, a reconnect):
   * the same result and the same `ConnectionGoneError`, but an implementation may write without
   * reading the row again. The default is `updateTokens(connection.id, …)`.
   */
  updateTokensOf(
    connection: Connection,
    tokens: ConnectionTokens,
    profile?: Partial<Omit<ProfileValues, 'providerUserId'>>,
  ): Promise<Connection> {
    return this.updateTokens(connection.id, tokens, profile);
  }

  /** Removes one of the user's connections; false when there was none. */
  abstract removeConnection(
    userId: string,
    providerId: string,
    providerUserId: string,
  ): Promise<boolean>;

  /** Removes all the user's connections to a provider; the number removed. */
  abstract removeConnections(userId: string, providerId: string): Promise<number>;

  /** One connection by its id (tokens decrypted), or null. */
  abstract findById(id: string): Promise<Connection | null>;

  /**
   * Sets a connection's status (the one write of it, besides a new authorization making it
   * `active` in `updateTokens`): the connection as changed, or null when nothing was written (no
   * such row, already in that status for that reason, or a guard of `change` no longer holds, so
   * a 401 for an old token never flags a row another process has just refreshed).
   */
  abstract setStatus(
    id: string,
    status: ConnectionStatus,
    change?: StatusChange,
  ): Promise<Connection | null>;

  /**
   * Claims the right to refresh a connection's tokens until `until`: true for exactly one of
   * concurrent callers, across processes, until it calls `releaseRefresh` or the time passes.
   * The default always says yes (one process: the in-process single flight suffices).
   */
  claimRefresh(_id: string, _until: Date): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** Gives back a claim of `claimRefresh`. */
  releaseRefresh(_id: string): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Removes the user's connections `match` picks, unless `refuse` (given the connections that
   * would remain and those that would go) says no: the removed connections (tokens decrypted
   * when they can be, for revocation), or null when refused. Atomic against concurrent removals
   * by the same user, so a check like "keep the last way to log in" holds under concurrency.
   * An implementation with a `revocationQueue()` queues, in the same transaction, the
   * revocation of each removed connection `removal.revocable` picks, and sets its `revocation`.
   * This default reads, checks and removes without a lock; override it where the store has one.
   */
  async removeMatching(
    userId: string,
    match: ConnectionMatch,
    refuse?: RemovalCheck,
    _removal?: RemovalOptions,
  ): Promise<RemovedConnection[] | null> {
    const all = await this.findConnections(userId);
    const removing = all.filter((c) => matchesConnection(c, match));
    if (removing.length === 0) return [];
    if (
      refuse &&
      (await refuse(
        all.filter((c) => !removing.includes(c)),
        removing,
      ))
    )
      return null;
    for (const c of removing) await this.removeConnection(userId, c.providerId, c.providerUserId);
    return removing;
  }

  /**
   * The durable queue of revocations this store writes with its removals, or null (the
   * default): then a disconnect revokes once, best effort, and a provider outage loses it.
   */
  revocationQueue(): RevocationQueue | null {
    return null;
  }

  /** The audit trail this store writes with every change, or null (the default: none). */
  auditLog(): ConnectionAuditLog | null {
    return null;
  }

  /**
   * Runs `work` in one database transaction: `repository` writes inside it, and `context` is
   * what the app needs to write its own rows in the same transaction (TypeORM: the
   * `EntityManager`). This default runs without a transaction; override it when your store
   * has them.
   */
  transaction<T>(
    work: (repository: ConnectionRepository, context: unknown) => Promise<T>,
  ): Promise<T> {
    return work(this, undefined);
  }
}

/** The reason of a `setStatus` and the guards it writes under. @publicApi */
export interface StatusChange {
  /** Why (see `ConnectionStatusReason`); ignored, and cleared, for `active`. */
  reason?: ConnectionStatusReason | null;
  /** Only while this is still the stored access token (the one the provider refused). */
  ifAccessToken?: string;
  /** Only while this is still the stored refresh token (the one the provider refused). */
  ifRefreshToken?: string;
  /** Only while the status is one of these. */
  ifStatus?: readonly ConnectionStatus[];
}

/** Which of a user's connections a removal takes: all to a provider, or one account of it. @publicApi */
export interface ConnectionMatch {
  providerId: string;
  providerUserId?: string;
}

/** Whether a removal must not happen, given what would remain and what would go. @publicApi */
export type RemovalCheck = (remaining: Connection[], removing: Connection[]) => Promise<boolean>;

/** What a removal also does: queue revocations at the provider. @publicApi */
export interface RemovalOptions {
  /** Which removed connections get their grant revoked at the provider (queued). */
  revocable?: (connection: Connection) => boolean;
  /** How long the caller holds the queued entries to try them at once (ms). @default 60000 */
  leaseMs?: number;
}

/** A removed connection, with its queued revocation when there is one. @publicApi */
export type RemovedConnection = Connection & { revocation?: RevocationJob };

/** Whether a connection is one a `ConnectionMatch` picks. */
export function matchesConnection(connection: Connection, match: ConnectionMatch): boolean {
  return (
    connection.providerId === match.providerId &&
    (match.providerUserId === undefined || connection.providerUserId === match.providerUserId)
  );
}
