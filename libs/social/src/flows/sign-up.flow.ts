import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import type { Connection } from '../connections/connection.entity.js';
import { type PublicConnection, toPublicConnection } from '../connections/connection-values.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import { ConnectionConflictError, NoPendingSignUpError } from '../social.exceptions.js';
import { ConnectionCreatedEvent, LoginCompletedEvent, SocialEvent } from '../social.events.js';
import type { SocialAuthResult, SocialProfile } from '../social.types.js';
import { PendingSignUps } from './pending-sign-up.store.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * Creates the user for a provider profile: your code, given the transaction to write in (the
 * TypeORM `EntityManager`; with your own `connectionRepository`, what its `transaction()` gives).
 * @publicApi
 */
export type CreateUserFromSignUp = (
  profile: SocialProfile,
  transaction: EntityManager,
) => Promise<string>;

/**
 * Sign-up through a provider, the two ways: automatically at login (`SocialUsers.createUserFromProfile`)
 * or finished by the app's own page (`SocialService.completeSignUp`). Either way the user and the
 * connection are created in one transaction, here and nowhere else.
 */
@Injectable()
export class SignUpFlow {
  private readonly logger = new Logger('SocialModule');

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
    private readonly pendingSignUps: PendingSignUps,
  ) {}

  /**
   * At a login that found no connection: the new connection, null when the app has no
   * `createUserFromProfile` or declined, or 'conflict' when a concurrent callback linked the
   * account first (both rows rolled back). Events are the login's to emit.
   */
  async createFromProfile(req: Request, result: SocialAuthResult) {
    const users = await this.users.get();
    if (!users.createUserFromProfile) return null;
    try {
      const created = await this.createUserAndConnection(result, (profile, transaction) =>
        users.createUserFromProfile!(profile, req, transaction),
      );
      return created?.connection ?? null;
    } catch (error) {
      if (error instanceof ConnectionConflictError) return 'conflict' as const;
      throw error;
    }
  }

  /** `SocialService.completeSignUp`: the profile waiting on this session, then login and events. */
  async complete(
    req: Request,
    createUser: CreateUserFromSignUp,
  ): Promise<{ userId: string; connection: PublicConnection }> {
    const pending = this.pendingSignUps.read(req);
    if (!pending) throw new NoPendingSignUpError();
    if (this.connections.transaction === ConnectionRepository.prototype.transaction) {
      this.logger.warn(
        'The ConnectionRepository does not implement transaction(): the user and the connection are not created atomically',
      );
    }
    // Anything thrown here (the email is taken, the account was linked meanwhile) rolls back both.
    const { userId, connection } = (await this.createUserAndConnection(pending, createUser))!;
    this.pendingSignUps.discard(req);
    const users = await this.users.get();
    const user = await users.findUser(userId);
    if (user) await users.login(req, user);
    const view = toPublicConnection(connection);
    this.events.emit(SocialEvent.ConnectionCreated, new ConnectionCreatedEvent(user, view));
    if (user) {
      this.events.emit(
        SocialEvent.LoginCompleted,
        new LoginCompletedEvent(pending.profile.providerId, user),
      );
    }
    return { userId, connection: view };
  }

  /** The user (by `createUser`) and the connection in one transaction; null when `createUser` declined. */
  private createUserAndConnection(
    { profile, tokens }: SocialAuthResult,
    createUser: (profile: SocialProfile, transaction: EntityManager) => Promise<string | null>,
  ): Promise<{ userId: string; connection: Connection } | null> {
    return this.connections.transaction(async (repository, transaction) => {
      // The TypeORM repository's context is its EntityManager; another repository's is its own.
      const userId = await createUser(profile, transaction as EntityManager);
      if (!userId) return null;
      const connection = await repository.createConnection({
        ...profile,
        ...tokens,
        userId,
        providerId: profile.providerId,
      });
      return { userId, connection };
    });
  }
}
