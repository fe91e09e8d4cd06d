import { Injectable, Logger } from '@nestjs/common';
import type { Connection } from '../connections/connection.entity.js';
import {
  type ConnectionMatch,
  ConnectionRepository,
} from '../connections/connection.repository.js';
import type { EnabledProvider } from '../providers/provider-definition.interface.js';
import { ProviderStrategies } from '../providers/provider-strategies.js';
import { ConnectionRemovedEvent, SocialEvent } from '../social.events.js';
import type { DisconnectOutcome } from './flow-outcomes.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * Removing connections: one, or all of a user's to a provider. Refuses to remove the last way
 * to log in when the app can tell, then revokes the removed grants at the provider.
 */
@Injectable()
export class DisconnectFlow {
  private readonly logger = new Logger('SocialModule');

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
    private readonly strategies: ProviderStrategies,
  ) {}

  async removeAll(provider: EnabledProvider, userId: string): Promise<DisconnectOutcome> {
    return this.remove(provider, userId, { providerId: provider.config.id }, 'removed_all');
  }

  async removeOne(
    provider: EnabledProvider,
    userId: string,
    providerUserId: string,
  ): Promise<DisconnectOutcome> {
    const match = { providerId: provider.config.id, providerUserId };
    return this.remove(provider, userId, match, 'removed_one');
  }

  private async remove(
    provider: EnabledProvider,
    userId: string,
    match: ConnectionMatch,
    done: 'removed_all' | 'removed_one',
  ): Promise<DisconnectOutcome> {
    const users = await this.users.get();
    const hasOther = users.hasOtherLoginMethod?.bind(users);
    // Checked and removed under a lock on the user's connections, so concurrent removals by a
    // user without a password leave one (SocialUsers.hasOtherLoginMethod). Only a connection of
    // an enabled provider is a way to log in.
    const refuse = hasOther
      ? async (remaining: Connection[]) =>
          !remaining.some((c) => this.strategies.find(c.providerId)) && !(await hasOther(userId))
      : undefined;
    const removed = await this.connections.removeMatching(userId, match, refuse);
    if (removed === null) return { kind: 'failed', reason: 'last_login_method' };
    if (removed.length === 0) return { kind: 'failed', reason: 'not_found' };
    await this.revoke(provider, removed);
    await this.emitRemoved(userId, provider.config.id, match.providerUserId);
    return { kind: done };
  }

  /**
   * Revokes removed connections' grants at the provider, after the rows are gone: best effort
   * (R8), since the disconnect has happened whatever the provider says.
   */
  private async revoke({ definition, config }: EnabledProvider, removed: Connection[]) {
    if (!definition.revoke || !config.endpoints.revokeURL) return;
    for (const connection of removed) {
      // Tokens that did not decrypt came back empty: nothing to revoke with.
      if (!connection.accessToken) continue;
      try {
        await definition.revoke(config, connection);
      } catch (error) {
        this.logger.warn(
          `${config.id}: could not revoke a removed connection (${(error as Error).name})`,
        );
      }
    }
  }

  private async emitRemoved(userId: string, providerId: string, providerUserId?: string) {
    const user = await (await this.users.get()).findUser(userId);
    this.events.emit(
      SocialEvent.ConnectionRemoved,
      new ConnectionRemovedEvent(user, providerId, providerUserId),
    );
  }
}
