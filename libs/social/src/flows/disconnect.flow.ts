import { Injectable, Logger } from '@nestjs/common';
import { runWithAuditContext } from '../connections/audit-context.js';
import type { Connection } from '../connections/connection.entity.js';
import {
  type ConnectionMatch,
  ConnectionRepository,
  type RemovedConnection,
} from '../connections/connection.repository.js';
import type { EnabledProvider } from '../providers/provider-definition.interface.js';
import { ProviderStrategies } from '../providers/provider-strategies.js';
import {
  type ConnectionRemovalReason,
  ConnectionRemovedEvent,
  type RemovedConnectionInfo,
  type RevocationState,
  SocialEvent,
} from '../social.events.js';
import type { DisconnectOutcome } from './flow-outcomes.js';
import { RevocationRunner } from './revocation.runner.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * Removing connections: one, or all of a user's to a provider. Refuses to remove the last way
 * to log in when the app can tell. The removed grants are queued for revocation at the provider
 * in the removal's transaction, then tried at once; what fails waits for the revocation worker.
 */
@Injectable()
export class DisconnectFlow {
  private readonly logger = new Logger('SocialModule');

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
    private readonly strategies: ProviderStrategies,
    private readonly revocations: RevocationRunner,
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

  /**
   * The provider ended the grant itself (Facebook's deauthorize or data-deletion callback):
   * removes the account's connection, with nothing to revoke. The number removed (0 or 1).
   */
  async removeForProvider(
    provider: EnabledProvider,
    providerUserId: string,
    reason: Exclude<ConnectionRemovalReason, 'disconnected'>,
  ): Promise<number> {
    return runWithAuditContext({ actor: 'provider', detail: reason }, async () => {
      const providerId = provider.config.id;
      const connection = await this.connections.findByProviderUser(providerId, providerUserId);
      if (!connection) return 0;
      const match = { providerId, providerUserId };
      const removed = (await this.connections.removeMatching(connection.userId, match)) ?? [];
      if (removed.length === 0) return 0;
      const infos = removed.map((c) => info(c, true));
      await this.emitRemoved(connection.userId, providerId, providerUserId, reason, infos);
      return removed.length;
    });
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
    const removed = await this.connections.removeMatching(userId, match, refuse, {
      // Tokens that did not decrypt came back empty: nothing to revoke with.
      revocable: (c) => canRevoke(provider) && !!c.accessToken,
      leaseMs: this.revocations.leaseMs,
    });
    if (removed === null) return { kind: 'failed', reason: 'last_login_method' };
    if (removed.length === 0) return { kind: 'failed', reason: 'not_found' };
    const infos: RemovedConnectionInfo[] = [];
    for (const connection of removed)
      infos.push(info(connection, await this.revoke(provider, connection)));
    await this.emitRemoved(userId, provider.config.id, match.providerUserId, 'disconnected', infos);
    return { kind: done };
  }

  /**
   * The first attempt, right after the removal committed. Without a queue (an app's own
   * repository that keeps none), one best-effort attempt: a failure is only logged.
   */
  private async revoke(provider: EnabledProvider, removed: RemovedConnection) {
    const queue = this.connections.revocationQueue();
    if (queue && removed.revocation) {
      return this.revocations.attempt(queue, removed.revocation, { inline: true });
    }
    // Tokens that did not decrypt came back empty: nothing to revoke with.
    if (queue || !canRevoke(provider) || !removed.accessToken) return false;
    try {
      await provider.definition.revoke!(provider.config, removed);
      return true;
    } catch (error) {
      this.logger.warn(
        `${provider.config.id}: could not revoke a removed connection (${(error as Error).name})`,
      );
      return false;
    }
  }

  private async emitRemoved(
    userId: string,
    providerId: string,
    providerUserId: string | undefined,
    reason: ConnectionRemovalReason,
    connections: RemovedConnectionInfo[],
  ) {
    const user = await (await this.users.get()).findUser(userId);
    this.events.emit(
      SocialEvent.ConnectionRemoved,
      new ConnectionRemovedEvent(user, providerId, providerUserId, reason, connections),
    );
  }
}

function canRevoke({ definition, config }: EnabledProvider): boolean {
  return !!definition.revoke && !!config.endpoints.revokeURL;
}

function info(connection: Connection, revoked: RevocationState): RemovedConnectionInfo {
  return { connectionId: connection.id, providerUserId: connection.providerUserId, revoked };
}
