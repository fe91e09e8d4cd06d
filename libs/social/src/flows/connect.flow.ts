import { Injectable } from '@nestjs/common';
import type { Connection } from '../connections/connection.entity.js';
import { toPublicConnection } from '../connections/connection-values.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { SocialCallbackOutcome } from '../oauth/social-auth-outcome.js';
import { ConnectionConflictError } from '../social.exceptions.js';
import {
  ConnectionCreatedEvent,
  ConnectionFailedEvent,
  type ConnectionFailureReason,
  ConnectionUpdatedEvent,
  SocialEvent,
} from '../social.events.js';
import type { SocialAuthResult } from '../social.types.js';
import type { ConnectOutcome } from './flow-outcomes.js';
import { refreshConnection } from './refresh-connection.util.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * A connect or reconnect once the provider has answered: a new connection for the user, fresh
 * tokens on one they already have, or a refusal. A provider account is never moved between
 * users, and the other user's row is never touched.
 */
@Injectable()
export class ConnectFlow {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
  ) {}

  async complete(
    providerId: string,
    userId: string,
    auth: SocialCallbackOutcome,
  ): Promise<ConnectOutcome> {
    const user = await (await this.users.get()).findUser(userId);
    if (auth.kind === 'failed') return this.failed(user, providerId, auth.reason);
    const { profile } = auth.result;
    const next = auth.roundTrip.next;
    let existing = await this.connections.findByProviderUser(providerId, profile.providerUserId);
    if (!existing) {
      const created = await this.create(userId, providerId, auth.result);
      if (created) {
        const view = toPublicConnection(created);
        this.events.emit(SocialEvent.ConnectionCreated, new ConnectionCreatedEvent(user, view));
        return { kind: 'connected', connection: view, next };
      }
      // A concurrent callback inserted it first: carry on as "already connected".
      existing = await this.connections.findByProviderUser(providerId, profile.providerUserId);
      if (!existing) return { kind: 'failed', reason: 'connection_gone' };
    }
    if (existing.userId !== userId) return this.failed(user, providerId, 'linked_to_another_user');
    const refreshed = await refreshConnection(this.connections, existing, auth.result);
    // Disconnected (in another tab) while the provider answered: ask for a fresh start.
    if (!refreshed) return { kind: 'failed', reason: 'connection_gone' };
    const view = toPublicConnection(refreshed);
    this.events.emit(SocialEvent.ConnectionUpdated, new ConnectionUpdatedEvent(user, view));
    if (auth.roundTrip.flow === 'reconnect') return { kind: 'reconnected', connection: view, next };
    this.events.emit(
      SocialEvent.ConnectionFailed,
      new ConnectionFailedEvent(user, providerId, 'already_connected'),
    );
    return { kind: 'already_connected', connection: view, next };
  }

  /** The new connection, or null when a concurrent insert took the provider account first. */
  private async create(
    userId: string,
    providerId: string,
    { profile, tokens }: SocialAuthResult,
  ): Promise<Connection | null> {
    try {
      return await this.connections.createConnection({ ...profile, ...tokens, userId, providerId });
    } catch (error) {
      if (error instanceof ConnectionConflictError) return null;
      throw error;
    }
  }

  private failed(
    user: unknown,
    providerId: string,
    reason: Exclude<ConnectionFailureReason, 'already_connected'>,
  ) {
    this.events.emit(
      SocialEvent.ConnectionFailed,
      new ConnectionFailedEvent(user, providerId, reason),
    );
    return { kind: 'failed', reason } as const;
  }
}
