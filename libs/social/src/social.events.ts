import type { PublicConnection } from './connections/connection-values.js';
import type { RoundTripFailureReason, SocialProfile } from './social.types.js';

export type { RoundTripFailureReason } from './social.types.js';

/**
 * Event names, exactly as Flask-Social's signals; listen with `@OnEvent(SocialEvent.ConnectionCreated)`
 * or `@OnEvent('connection.created')`. Emitted after the database write committed; payloads never
 * carry tokens.
 *
 * @publicApi
 */
export const SocialEvent = {
  ConnectionCreated: 'connection.created',
  ConnectionFailed: 'connection.failed',
  ConnectionRemoved: 'connection.removed',
  ConnectionUpdated: 'connection.updated',
  LoginFailed: 'login.failed',
  LoginCompleted: 'login.completed',
  // Issue 11: revocation at the provider.
  ConnectionRevoked: 'connection.revoked',
  ConnectionRevocationFailed: 'connection.revocation_failed',
} as const;

/** Why a connect did not make a connection. @publicApi */
export type ConnectionFailureReason =
  'already_connected' | 'linked_to_another_user' | RoundTripFailureReason;

/** Why a provider login did not log anyone in. @publicApi */
export type LoginFailureReason = 'no_connection' | 'user_not_found' | RoundTripFailureReason;

/** `connection.created`: a connection was made. @publicApi */
export class ConnectionCreatedEvent<User = unknown> {
  constructor(
    readonly user: User,
    readonly connection: PublicConnection,
  ) {}
}

/** `connection.failed`: a connect did not make a connection. @publicApi */
export class ConnectionFailedEvent<User = unknown> {
  constructor(
    readonly user: User,
    readonly providerId: string,
    readonly reason: ConnectionFailureReason,
  ) {}
}

/**
 * Why connections were removed: the user disconnected, the provider said the user removed the
 * app (Facebook's deauthorize callback), or the provider relayed a data-deletion request.
 * @publicApi
 */
export type ConnectionRemovalReason = 'disconnected' | 'deauthorized' | 'data_deletion';

/**
 * Whether a removed connection's grant is ended at the provider: `true` revoked (before this
 * event), or ended by the provider itself (deauthorized); `'pending'` queued after a failed
 * attempt (`connection.revoked` follows once it succeeds, or `connection.revocation_failed`);
 * `false` not revoked (the provider has no revocation endpoint, or the tokens were unreadable).
 * @publicApi
 */
export type RevocationState = true | 'pending' | false;

/** One connection a removal took. @publicApi */
export interface RemovedConnectionInfo {
  connectionId: string;
  providerUserId: string;
  revoked: RevocationState;
}

/** `connection.removed`: one connection (`providerUserId` set) or all to a provider were removed. @publicApi */
export class ConnectionRemovedEvent<User = unknown> {
  /** All of them revoked: `true`; any still queued: `'pending'`; else `false`. */
  readonly revoked: RevocationState;

  constructor(
    readonly user: User,
    readonly providerId: string,
    readonly providerUserId?: string,
    readonly reason: ConnectionRemovalReason = 'disconnected',
    /** Each removed connection and its revocation. */
    readonly connections: RemovedConnectionInfo[] = [],
  ) {
    this.revoked = connections.some((c) => c.revoked === 'pending')
      ? 'pending'
      : connections.length > 0 && connections.every((c) => c.revoked === true);
  }
}

/**
 * `connection.revoked`: a removed connection's grant whose revocation had to wait (`revoked:
 * 'pending'` on `connection.removed`) was revoked at the provider by the revocation worker.
 * @publicApi
 */
export class ConnectionRevokedEvent<User = unknown> {
  constructor(
    readonly user: User,
    readonly providerId: string,
    readonly providerUserId: string,
    readonly connectionId: string,
    /** Attempts it took, the first one included. */
    readonly attempts: number,
    readonly revokedAt: Date,
  ) {}
}

/** `connection.revocation_failed`: the worker gave up revoking a removed connection's grant. @publicApi */
export class ConnectionRevocationFailedEvent<User = unknown> {
  constructor(
    readonly user: User,
    readonly providerId: string,
    readonly providerUserId: string,
    readonly connectionId: string,
    readonly attempts: number,
    /** The last failure (an HTTP status or an error name). */
    readonly error: string,
  ) {}
}

/** `connection.updated`: a connection's tokens or profile were refreshed. @publicApi */
export class ConnectionUpdatedEvent<User = unknown> {
  constructor(
    readonly user: User,
    readonly connection: PublicConnection,
  ) {}
}

/** `login.failed`: a provider login found no user, or the provider failed or was denied. @publicApi */
export class LoginFailedEvent {
  constructor(
    readonly providerId: string,
    readonly reason: LoginFailureReason,
    /** What the provider said about the account, when the round trip got that far. */
    readonly profile?: SocialProfile,
  ) {}
}

/** `login.completed`: a user logged in through a provider. @publicApi */
export class LoginCompletedEvent<User = unknown> {
  constructor(
    readonly providerId: string,
    readonly user: User,
  ) {}
}
