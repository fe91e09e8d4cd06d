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

/** `connection.removed`: one connection (`providerUserId` set) or all to a provider were removed. @publicApi */
export class ConnectionRemovedEvent<User = unknown> {
  constructor(
    readonly user: User,
    readonly providerId: string,
    readonly providerUserId?: string,
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
