import { Injectable, Logger } from '@nestjs/common';
import type { Connection } from '../connections/connection.entity.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { EnabledProvider } from '../providers/provider-definition.interface.js';
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
  ) {}

  async removeAll(provider: EnabledProvider, userId: string): Promise<DisconnectOutcome> {
    const providerId = provider.config.id;
    if (await this.isLastLoginMethod(userId, (c) => c.providerId === providerId)) {
      return { kind: 'failed', reason: 'last_login_method' };
    }
    const revoking = await this.connections.findConnections(userId, providerId);
    const removed = await this.connections.removeConnections(userId, providerId);
    if (removed === 0) return { kind: 'failed', reason: 'not_found' };
    await this.revoke(provider, revoking);
    await this.emitRemoved(userId, providerId);
    return { kind: 'removed_all' };
  }

  async removeOne(
    provider: EnabledProvider,
    userId: string,
    providerUserId: string,
  ): Promise<DisconnectOutcome> {
    const providerId = provider.config.id;
    const removing = (c: Connection) =>
      c.providerId === providerId && c.providerUserId === providerUserId;
    if (await this.isLastLoginMethod(userId, removing)) {
      return { kind: 'failed', reason: 'last_login_method' };
    }
    const revoking = await this.connections.findConnection(userId, providerId, providerUserId);
    const removed = await this.connections.removeConnection(userId, providerId, providerUserId);
    if (!removed) return { kind: 'failed', reason: 'not_found' };
    if (revoking) await this.revoke(provider, [revoking]);
    await this.emitRemoved(userId, providerId, providerUserId);
    return { kind: 'removed_one' };
  }

  /**
   * Whether the removal would leave the user no way to log in, when the app can tell
   * (`SocialUsers.hasOtherLoginMethod`). Every connection is a way to log in.
   */
  private async isLastLoginMethod(
    userId: string,
    removing: (connection: Connection) => boolean,
  ): Promise<boolean> {
    const users = await this.users.get();
    if (!users.hasOtherLoginMethod) return false;
    const all = await this.connections.findConnections(userId);
    const remaining = all.filter((c) => !removing(c));
    if (remaining.length > 0 || remaining.length === all.length) return false;
    return !(await users.hasOtherLoginMethod(userId));
  }

  /**
   * Revokes removed connections' grants at the provider, after the rows are gone: best effort
   * (R8), since the disconnect has happened whatever the provider says.
   */
  private async revoke({ definition, config }: EnabledProvider, removed: Connection[]) {
    if (!definition.revoke || !config.endpoints.revokeURL) return;
    for (const connection of removed) {
      if (connection.needsReauth) continue;
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
