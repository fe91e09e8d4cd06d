import { Injectable, Logger } from '@nestjs/common';
import { toPublicConnection, type PublicConnection } from './connections/connection-values.js';
import { ConnectionRepository } from './connections/connection.repository.js';
import type { SocialProfile } from './providers/social-profile.interface.js';
import { PendingSignUps } from './security/pending-sign-up.js';
import { ConnectionCreatedEvent, LoginCompletedEvent, SocialEvent } from './social.events.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/** Creates the user for a provider profile: your code, given the transaction to write in. */
export type CreateUserFromSignUp = (profile: SocialProfile, transaction: any) => Promise<string>;

/** There is no provider profile waiting for sign-up on this session (none, or expired). @publicApi */
export class NoPendingSignUpError extends Error {
  override readonly name = 'NoPendingSignUpError';
  constructor() {
    super('No provider sign-up is waiting on this session (it expires after 10 minutes)');
  }
}

/**
 * Sign-up through a provider, finished by the app's own page: the user and the connection are
 * created in one transaction, and the user is logged in only once it has committed.
 */
@Injectable()
export class SocialSignUpService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
    private readonly pendingSignUps: PendingSignUps,
  ) {}

  private readonly logger = new Logger('SocialModule');

  async complete(
    req: any,
    createUser: CreateUserFromSignUp,
  ): Promise<{ userId: string; connection: PublicConnection }> {
    const pending = this.pendingSignUps.read(req);
    if (!pending) throw new NoPendingSignUpError();
    if (this.connections.transaction === ConnectionRepository.prototype.transaction) {
      this.logger.warn(
        'The ConnectionRepository does not implement transaction(): the user and the connection are not created atomically',
      );
    }
    const { profile, tokens } = pending;
    // Anything thrown here (the email is taken, the account was linked meanwhile) rolls back both.
    const { userId, connection } = await this.connections.transaction(async (repository, tx) => {
      const userId = await createUser(profile, tx);
      const connection = await repository.createConnection({
        ...profile,
        ...tokens,
        userId,
        providerId: profile.providerId,
      });
      return { userId, connection };
    });
    this.pendingSignUps.discard(req);
    const users = await this.users.get();
    const user = await users.findUser(userId);
    if (user) await users.login(req, user);
    const view = toPublicConnection(connection);
    this.events.emit(SocialEvent.ConnectionCreated, new ConnectionCreatedEvent(user, view));
    if (user) {
      this.events.emit(
        SocialEvent.LoginCompleted,
        new LoginCompletedEvent(profile.providerId, user),
      );
    }
    return { userId, connection: view };
  }
}
