import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import type { Connection } from './connection.entity.js';
import type { NewConnection } from './connection-values.js';

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

  /** Removes one of the user's connections; false when there was none. */
  abstract removeConnection(
    userId: string,
    providerId: string,
    providerUserId: string,
  ): Promise<boolean>;

  /** Removes all the user's connections to a provider; the number removed. */
  abstract removeConnections(userId: string, providerId: string): Promise<number>;

  /**
   * Flags a connection whose tokens no longer work (a refused refresh token): `getApi()` gives
   * null until the user connects again. The default does nothing; override it to persist it.
   */
  markNeedsReauth(_id: string): Promise<void> {
    return Promise.resolve();
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
