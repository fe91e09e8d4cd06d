import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Connection } from './connections/connection.entity.js';
import { toPublicConnection } from './connections/connection-values.js';
import {
  ConnectionConflictError,
  ConnectionGoneError,
  ConnectionRepository,
} from './connections/connection.repository.js';
import type { FlowResult } from './http/flow-result.js';
import type { SocialFlow } from './providers/provider-definition.interface.js';
import type { SocialAuthResult } from './providers/social-profile.interface.js';
import { PendingSignUps } from './security/pending-sign-up.js';
import { safeRedirectPath } from './security/redirect-target.util.js';
import type { CallbackOutcome } from './strategy/callback-outcome.js';
import type { ProviderRuntime } from './strategy/provider-runtimes.js';
import { SocialErrorCode } from './social.errors.js';
import {
  ConnectionCreatedEvent,
  ConnectionFailedEvent,
  ConnectionRemovedEvent,
  ConnectionUpdatedEvent,
  LoginCompletedEvent,
  LoginFailedEvent,
  type RoundTripFailureReason,
  SocialEvent,
} from './social.events.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialMessages as M } from './social.messages.js';
import type { ResolvedSocialOptions } from './social-options.resolver.js';
import { SocialUsersRef } from './social-users.ref.js';
import { RESOLVED_SOCIAL_OPTIONS } from './social.internal-constants.js';

/**
 * What happens once a provider has answered, and on disconnect: the connections are read and
 * written, users logged in, events emitted (after the write), and the answer decided.
 */
@Injectable()
export class SocialFlowService {
  private readonly logger = new Logger('SocialModule');

  constructor(
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
    private readonly connections: ConnectionRepository,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
    private readonly pendingSignUps: PendingSignUps,
  ) {}

  /** Keeps the validated `next` URL for after the round trip. */
  rememberNext(req: any, flow: SocialFlow, next: unknown): void {
    const fallback =
      flow === 'login' ? this.options.loginRedirect : this.options.connectAllowRedirect;
    req.session[this.nextKey(flow)] = safeRedirectPath(next, fallback);
  }

  async completeLogin(
    req: any,
    runtime: ProviderRuntime,
    outcome: CallbackOutcome,
  ): Promise<FlowResult> {
    const name = runtime.config.name;
    const providerId = runtime.config.id;
    if (outcome.kind !== 'authenticated') {
      const failure = roundTripFailure(outcome, M.loginDenied(name), name);
      this.events.emit(SocialEvent.LoginFailed, new LoginFailedEvent(providerId, failure.reason));
      this.popNext(req, 'login');
      return this.toErrorPage(
        this.options.loginPage,
        failure.status,
        failure.code,
        failure.message,
      );
    }
    const { profile, tokens } = outcome.result;
    let connection = await this.connections.findByProviderUser(providerId, profile.providerUserId);
    let created = false;
    if (!connection) {
      const signedUp = await this.signUp(req, outcome.result);
      if (signedUp === 'conflict') {
        // Another tab signed the same account up first: log in as that user instead.
        connection = await this.connections.findByProviderUser(providerId, profile.providerUserId);
      } else if (signedUp) {
        connection = signedUp;
        created = true;
      }
    }
    // A connection whose user is gone stays refused rather than moved to a new user.
    const user = connection ? await this.findUser(connection.userId) : null;
    if (!connection || !user) {
      const reason = connection ? 'user_not_found' : 'no_connection';
      this.events.emit(SocialEvent.LoginFailed, new LoginFailedEvent(providerId, reason, profile));
      this.popNext(req, 'login');
      const result = this.toErrorPage(
        this.options.loginPage,
        401,
        SocialErrorCode.AccountNotLinked,
        M.loginNotAssociated(name),
      );
      if (connection || !this.options.signUpPage) return result;
      // The app offers sign-up with this profile (SocialService.completeSignUp).
      this.pendingSignUps.keep(req, outcome.result);
      return { ...result, redirect: this.options.signUpPage, data: { signUp: true } };
    }
    if (!created) {
      // Flask-Social #31: a login refreshes the stored tokens (and the profile values).
      const { providerUserId: _id, ...values } = profile;
      const refreshed = await this.updateUnlessGone(connection.id, tokens, values);
      if (!refreshed) {
        // Disconnected while the provider answered: as if it had never been connected.
        this.events.emit(
          SocialEvent.LoginFailed,
          new LoginFailedEvent(providerId, 'no_connection', profile),
        );
        this.popNext(req, 'login');
        return this.toErrorPage(
          this.options.loginPage,
          401,
          SocialErrorCode.AccountNotLinked,
          M.loginNotAssociated(name),
        );
      }
      connection = refreshed;
    }
    const redirect = this.popNext(req, 'login');
    await (await this.users.get()).login(req, user);
    const view = toPublicConnection(connection);
    this.events.emit(
      created ? SocialEvent.ConnectionCreated : SocialEvent.ConnectionUpdated,
      created ? new ConnectionCreatedEvent(user, view) : new ConnectionUpdatedEvent(user, view),
    );
    this.events.emit(SocialEvent.LoginCompleted, new LoginCompletedEvent(providerId, user));
    return { status: 200, redirect, data: { userId: connection.userId, connection: view } };
  }

  async completeConnect(
    req: any,
    runtime: ProviderRuntime,
    userId: string,
    outcome: CallbackOutcome,
  ): Promise<FlowResult> {
    const name = runtime.config.name;
    const providerId = runtime.config.id;
    const user = await this.findUser(userId);
    if (outcome.kind !== 'authenticated') {
      const failure = roundTripFailure(outcome, M.connectDenied(name), name);
      this.events.emit(
        SocialEvent.ConnectionFailed,
        new ConnectionFailedEvent(user, providerId, failure.reason),
      );
      // Flask-Social left the `next` URL in the session on denial: spend it here too.
      this.popNext(req, 'connect');
      const page = this.options.connectDenyRedirect;
      return this.toErrorPage(page, failure.status, failure.code, failure.message);
    }
    const { profile, tokens } = outcome.result;
    const redirect = this.popNext(req, 'connect');
    let existing = await this.connections.findByProviderUser(providerId, profile.providerUserId);
    if (!existing) {
      try {
        const connection = await this.connections.createConnection({
          ...profile,
          ...tokens,
          userId,
          providerId,
        });
        const view = toPublicConnection(connection);
        this.events.emit(SocialEvent.ConnectionCreated, new ConnectionCreatedEvent(user, view));
        return {
          status: 201,
          redirect,
          flash: { category: 'success', message: M.connectEstablished(name) },
          data: { connection: view },
        };
      } catch (error) {
        if (!(error instanceof ConnectionConflictError)) throw error;
        // A concurrent callback inserted it first: carry on as "already connected".
        existing = await this.connections.findByProviderUser(providerId, profile.providerUserId);
        if (!existing) throw error;
      }
    }
    if (existing.userId !== userId) {
      // Never move an account between users, and never touch the other user's tokens.
      this.events.emit(
        SocialEvent.ConnectionFailed,
        new ConnectionFailedEvent(user, providerId, 'linked_to_another_user'),
      );
      return {
        status: 409,
        code: SocialErrorCode.AccountConflict,
        redirect: this.options.connectDenyRedirect,
        flash: { category: 'error', message: M.linkedToAnotherUser(name) },
      };
    }
    const refreshed = await this.refresh(existing, outcome.result, user);
    if (!refreshed) {
      // Disconnected (in another tab) while the provider answered: ask for a fresh start.
      return this.toErrorPage(
        this.options.connectDenyRedirect,
        409,
        SocialErrorCode.ConnectionNotFound,
        M.removeFailed(name),
      );
    }
    if (outcome.flow === 'reconnect') {
      return {
        status: 200,
        redirect,
        flash: { category: 'info', message: M.connectRefreshed(name) },
        data: { connection: refreshed },
      };
    }
    this.events.emit(
      SocialEvent.ConnectionFailed,
      new ConnectionFailedEvent(user, providerId, 'already_connected'),
    );
    return {
      status: 200,
      redirect,
      flash: { category: 'notice', message: M.connectAlreadyEstablished(name) },
      data: { connection: refreshed },
    };
  }

  async removeAll(runtime: ProviderRuntime, userId: string, next: unknown): Promise<FlowResult> {
    const name = runtime.config.name;
    const providerId = runtime.config.id;
    const refused = await this.refuseLastLoginMethod(
      userId,
      next,
      name,
      (c) => c.providerId === providerId,
    );
    if (refused) return refused;
    const revoking = await this.connections.findConnections(userId, providerId);
    const removed = await this.connections.removeConnections(userId, providerId);
    if (removed > 0) await this.revoke(runtime, revoking);
    return this.removed(
      removed > 0,
      userId,
      providerId,
      undefined,
      next,
      M.removedAll(name),
      M.removeFailed(name),
    );
  }

  async removeOne(
    runtime: ProviderRuntime,
    userId: string,
    providerUserId: string,
    next: unknown,
  ): Promise<FlowResult> {
    const name = runtime.config.name;
    const providerId = runtime.config.id;
    const refused = await this.refuseLastLoginMethod(
      userId,
      next,
      name,
      (c) => c.providerId === providerId && c.providerUserId === providerUserId,
    );
    if (refused) return refused;
    const revoking = await this.connections.findConnection(userId, providerId, providerUserId);
    const removed = await this.connections.removeConnection(userId, providerId, providerUserId);
    if (removed && revoking) await this.revoke(runtime, [revoking]);
    return this.removed(
      removed,
      userId,
      providerId,
      providerUserId,
      next,
      M.removedOne(name),
      M.removeFailed(name),
    );
  }

  /**
   * Revokes removed connections' grants at the provider, after the rows are gone: best effort
   * (R8), since the disconnect has happened whatever the provider says.
   */
  private async revoke(runtime: ProviderRuntime, removed: Connection[]): Promise<void> {
    const revoke = runtime.definition.revoke;
    if (!revoke || !runtime.config.endpoints.revokeURL) return;
    for (const connection of removed) {
      if (connection.needsReauth) continue;
      try {
        await revoke(runtime.config, connection);
      } catch (error) {
        this.logger.warn(
          `${runtime.config.id}: could not revoke a removed connection (${(error as Error).name})`,
        );
      }
    }
  }

  /**
   * Refuses a removal that would leave the user no way to log in, when the app can tell
   * (`SocialUsers.hasOtherLoginMethod`). Every connection is a way to log in.
   */
  private async refuseLastLoginMethod(
    userId: string,
    next: unknown,
    name: string,
    removing: (connection: Connection) => boolean,
  ): Promise<FlowResult | null> {
    const users = await this.users.get();
    if (!users.hasOtherLoginMethod) return null;
    const all = await this.connections.findConnections(userId);
    const remaining = all.filter((c) => !removing(c));
    if (remaining.length > 0 || remaining.length === all.length) return null;
    if (await users.hasOtherLoginMethod(userId)) return null;
    return {
      status: 409,
      code: SocialErrorCode.LastLoginMethod,
      redirect: safeRedirectPath(next, this.options.connectAllowRedirect),
      flash: { category: 'error', message: M.lastLoginMethod(name) },
    };
  }

  /** The answer to a round trip that could not start (the provider is down or too slow). */
  startFailed(
    req: any,
    runtime: ProviderRuntime,
    flow: SocialFlow,
    outcome: { status: number; code: SocialErrorCode },
  ): FlowResult {
    this.popNext(req, flow);
    const name = runtime.config.name;
    return {
      status: outcome.status,
      code: outcome.code,
      redirect: flow === 'login' ? this.options.loginPage : this.options.connectDenyRedirect,
      flash: { category: 'error', message: failureMessage(outcome.code, name) },
    };
  }

  /** Where the route needing a user sends an anonymous one (Flask-Login's `unauthorized()`). */
  loginRequired(returnTo: string): FlowResult {
    const next = safeRedirectPath(returnTo, '');
    return {
      status: 401,
      code: SocialErrorCode.AuthRequired,
      redirect: next
        ? `${this.options.loginPage}?next=${encodeURIComponent(next)}`
        : this.options.loginPage,
      flash: { category: 'info', message: M.loginRequired() },
    };
  }

  private async removed(
    ok: boolean,
    userId: string,
    providerId: string,
    providerUserId: string | undefined,
    next: unknown,
    success: string,
    failure: string,
  ): Promise<FlowResult> {
    // Never the Referer (Flask-Social crashed without one): the form's `next`, else the default.
    const redirect = safeRedirectPath(next, this.options.connectAllowRedirect);
    if (!ok) {
      return {
        status: 404,
        code: SocialErrorCode.ConnectionNotFound,
        redirect,
        flash: { category: 'error', message: failure },
      };
    }
    const user = await this.findUser(userId);
    this.events.emit(
      SocialEvent.ConnectionRemoved,
      new ConnectionRemovedEvent(user, providerId, providerUserId),
    );
    return { status: 200, redirect, flash: { category: 'info', message: success } };
  }

  /** Refreshes tokens and profile; null when the row was removed meanwhile. */
  private async refresh(existing: Connection, result: SocialAuthResult, user: unknown) {
    const { providerUserId: _id, ...values } = result.profile;
    const updated = await this.updateUnlessGone(existing.id, result.tokens, values);
    if (!updated) return null;
    const view = toPublicConnection(updated);
    this.events.emit(SocialEvent.ConnectionUpdated, new ConnectionUpdatedEvent(user, view));
    return view;
  }

  private async updateUnlessGone(
    id: string,
    tokens: SocialAuthResult['tokens'],
    values: Parameters<ConnectionRepository['updateTokens']>[2],
  ): Promise<Connection | null> {
    try {
      return await this.connections.updateTokens(id, tokens, values);
    } catch (error) {
      if (error instanceof ConnectionGoneError) return null;
      throw error;
    }
  }

  /** Sign-up through a provider, when the app implements `createUserFromProfile`. */
  /**
   * Sign-up through a provider when the app implements `createUserFromProfile`: the user and the
   * connection in one transaction. The new connection, null when the app declined, or
   * 'conflict' when a concurrent callback linked the account first (both rows rolled back).
   */
  private async signUp(req: any, result: SocialAuthResult) {
    const users = await this.users.get();
    if (!users.createUserFromProfile) return null;
    try {
      return await this.connections.transaction(async (repository, transaction) => {
        const userId = await users.createUserFromProfile!(result.profile, req, transaction);
        if (!userId) return null;
        return repository.createConnection({
          ...result.profile,
          ...result.tokens,
          userId,
          providerId: result.profile.providerId,
        });
      });
    } catch (error) {
      if (error instanceof ConnectionConflictError) return 'conflict' as const;
      throw error;
    }
  }

  private async findUser(userId: string) {
    return (await this.users.get()).findUser(userId);
  }

  private nextKey(flow: SocialFlow) {
    return flow === 'login'
      ? this.options.postOAuthLoginSessionKey
      : this.options.postOAuthConnectSessionKey;
  }

  private popNext(req: any, flow: SocialFlow): string {
    const key = this.nextKey(flow);
    const fallback =
      flow === 'login' ? this.options.loginRedirect : this.options.connectAllowRedirect;
    const value = req.session?.[key];
    if (req.session) delete req.session[key];
    return safeRedirectPath(value, fallback);
  }

  private toErrorPage(
    redirect: string,
    status: number,
    code: SocialErrorCode,
    message: string,
  ): FlowResult {
    return { status, code, redirect, flash: { category: 'error', message } };
  }
}

const FAILURE_REASONS: Partial<Record<SocialErrorCode, RoundTripFailureReason>> = {
  [SocialErrorCode.StateInvalid]: 'state_invalid',
  [SocialErrorCode.BadRequest]: 'invalid_callback',
  [SocialErrorCode.IssuerMismatch]: 'issuer_mismatch',
  [SocialErrorCode.CodeRejected]: 'code_rejected',
  [SocialErrorCode.DomainNotAllowed]: 'domain_not_allowed',
  [SocialErrorCode.ProviderTimeout]: 'provider_timeout',
};

function failureReason(code: SocialErrorCode): RoundTripFailureReason {
  return FAILURE_REASONS[code] ?? 'provider_error';
}

/** Status, code, message and event reason of a round trip that did not authenticate. */
function roundTripFailure(
  outcome: Exclude<CallbackOutcome, { kind: 'authenticated' }>,
  deniedMessage: string,
  name: string,
) {
  return outcome.kind === 'denied'
    ? {
        status: 401,
        code: SocialErrorCode.AccessDenied,
        message: deniedMessage,
        reason: 'access_denied' as const,
      }
    : {
        status: outcome.status,
        code: outcome.code,
        message: failureMessage(outcome.code, name),
        reason: failureReason(outcome.code),
      };
}

function failureMessage(code: SocialErrorCode, name: string): string {
  switch (code) {
    case SocialErrorCode.StateInvalid:
    case SocialErrorCode.IssuerMismatch:
      return M.stateInvalid(name);
    case SocialErrorCode.DomainNotAllowed:
      return M.domainNotAllowed(name);
    case SocialErrorCode.BadRequest:
      return M.badRequest(name);
    case SocialErrorCode.ProviderTimeout:
      return M.providerTimeout(name);
    case SocialErrorCode.CodeRejected:
      return M.codeRejected(name);
    default:
      return M.providerError(name);
  }
}
