import { Injectable } from '@nestjs/common';
import type { Connection } from '../connections/connection.entity.js';
import { toPublicConnection } from '../connections/connection-values.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import { TokenRefresher } from '../oauth/token-refresher.js';
import type { ApiClientContext } from '../providers/api-client-context.js';
import type { ProviderRuntime } from '../providers/provider-strategies.js';
import { ConnectionUpdatedEvent, SocialEvent } from '../social.events.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * `getApi()`'s decisions: which connection may be acted for, its token renewed first when it is
 * about to expire (OAuth 2 with a refresh token), an expired one without a refresh token set
 * `expired` (nothing pretends to refresh it), and the client built with a context that shares
 * the refresher and reports a refused token (`needs_reauth`). Every status it changes is
 * announced with `connection.updated`.
 */
@Injectable()
export class ConnectionAccess {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly refresher: TokenRefresher,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
  ) {}

  /** The provider's client for the user's connection, or null when there is none usable. */
  async client(runtime: ProviderRuntime, userId: string): Promise<unknown> {
    const connection = await this.connections.findConnection(userId, runtime.config.id);
    const usable = connection && (await this.usable(runtime, connection));
    if (!usable) return null;
    return runtime.definition.createApiClient(
      runtime.config,
      usable,
      this.contextFor(runtime, usable),
    );
  }

  /** The connection with a token to act with (refreshed when due), or null. */
  private async usable(runtime: ProviderRuntime, connection: Connection) {
    if (connection.status !== 'active') return null;
    const fresh = await this.refresher.ensureFresh(runtime.config, connection);
    if (fresh.kind === 'unusable') {
      await this.announce(fresh.changed);
      return null;
    }
    const current = fresh.connection;
    // Expired means expired: with no refresh token there is nothing to renew it with.
    if (isPast(current.expiresAt) && !current.refreshToken) {
      await this.announce(
        await this.connections.setStatus(current.id, 'expired', {
          reason: 'token_expired',
          ifAccessToken: current.accessToken,
          ifStatus: ['active'],
        }),
      );
      return null;
    }
    return current;
  }

  private contextFor(runtime: ProviderRuntime, connection: Connection): ApiClientContext {
    return {
      expiresAt: connection.expiresAt,
      refresh: async () => {
        const latest = await this.connections.findById(connection.id);
        const usable = latest && (await this.usable(runtime, latest));
        return usable ? { accessToken: usable.accessToken, expiresAt: usable.expiresAt } : null;
      },
      unauthorized: async (accessToken) => {
        await this.announce(
          await this.connections.setStatus(connection.id, 'needs_reauth', {
            reason: 'api_unauthorized',
            ifAccessToken: accessToken,
            ifStatus: ['active'],
          }),
        );
      },
    };
  }

  /** `connection.updated` for a connection whose status this process just changed. */
  private async announce(changed: Connection | null): Promise<void> {
    if (!changed) return;
    const user = await (await this.users.get()).findUser(changed.userId);
    this.events.emit(
      SocialEvent.ConnectionUpdated,
      new ConnectionUpdatedEvent(user, toPublicConnection(changed)),
    );
  }
}

function isPast(date: Date | null): boolean {
  return date !== null && date.getTime() <= Date.now();
}
