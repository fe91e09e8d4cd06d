import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { toPublicConnection } from '../connections/connection-values.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { SocialCallbackOutcome } from '../oauth/social-auth-outcome.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import {
  ConnectionCreatedEvent,
  ConnectionUpdatedEvent,
  LoginCompletedEvent,
  LoginFailedEvent,
  type LoginFailureReason,
  SocialEvent,
} from '../social.events.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import type { SocialProfile } from '../social.types.js';
import type { LoginOutcome } from './flow-outcomes.js';
import { PendingSignUps } from './pending-sign-up.store.js';
import { refreshConnection } from './refresh-connection.util.js';
import { SignUpFlow } from './sign-up.flow.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * A provider login once the provider has answered: the connected user is logged in with fresh
 * tokens, or a new one signed up when the app allows it, or the login fails with a reason.
 */
@Injectable()
export class LoginFlow {
  constructor(
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
    private readonly signUps: SignUpFlow,
    private readonly pendingSignUps: PendingSignUps,
  ) {}

  async complete(
    req: Request,
    providerId: string,
    auth: SocialCallbackOutcome,
  ): Promise<LoginOutcome> {
    if (auth.kind === 'failed') return this.failed(providerId, auth.reason);
    const { profile } = auth.result;
    let connection = await this.connections.findByProviderUser(providerId, profile.providerUserId);
    let created = false;
    if (!connection) {
      const signedUp = await this.signUps.createFromProfile(req, auth.result);
      if (signedUp === 'conflict') {
        // Another tab signed the same account up first: log in as that user instead.
        connection = await this.connections.findByProviderUser(providerId, profile.providerUserId);
      } else if (signedUp) {
        connection = signedUp;
        created = true;
      }
    }
    // A connection whose user is gone stays refused rather than moved to a new user.
    const users = await this.users.get();
    const user = connection ? await users.findUser(connection.userId) : null;
    if (!connection || !user) {
      const reason = connection ? 'user_not_found' : 'no_connection';
      if (connection || !this.options.signUpPage) return this.failed(providerId, reason, profile);
      // The app offers sign-up with this profile (SocialService.completeSignUp).
      this.pendingSignUps.keep(req, auth.result);
      return { ...this.failed(providerId, reason, profile), signUp: true };
    }
    if (!created) {
      connection = await refreshConnection(this.connections, connection, auth.result);
      // Disconnected while the provider answered: as if it had never been connected.
      if (!connection) return this.failed(providerId, 'no_connection', profile);
    }
    await users.login(req, user);
    const view = toPublicConnection(connection);
    this.events.emit(
      created ? SocialEvent.ConnectionCreated : SocialEvent.ConnectionUpdated,
      created ? new ConnectionCreatedEvent(user, view) : new ConnectionUpdatedEvent(user, view),
    );
    this.events.emit(SocialEvent.LoginCompleted, new LoginCompletedEvent(providerId, user));
    return {
      kind: 'logged_in',
      userId: connection.userId,
      connection: view,
      next: auth.roundTrip.next,
    };
  }

  private failed(providerId: string, reason: LoginFailureReason, profile?: SocialProfile) {
    this.events.emit(SocialEvent.LoginFailed, new LoginFailedEvent(providerId, reason, profile));
    return { kind: 'failed', reason } as const;
  }
}
