import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Connection } from './connections/connection.entity.js';
import type { PublicConnection } from './connections/connection-values.js';
import { ConnectionRepository } from './connections/connection.repository.js';
import { ConnectFlow } from './flows/connect.flow.js';
import type { ConnectOutcome, LoginOutcome } from './flows/flow-outcomes.js';
import { LoginFlow } from './flows/login.flow.js';
import { PendingSignUps } from './flows/pending-sign-up.store.js';
import { type CreateUserFromSignUp, SignUpFlow } from './flows/sign-up.flow.js';
import type { SocialCallbackOutcome } from './oauth/social-auth-outcome.js';
import { TokenRefresher } from './oauth/token-refresher.js';
import type { ApiClient } from './providers/api-client.js';
import { type ProviderRuntime, ProviderStrategies } from './providers/provider-strategies.js';
import { ProviderNotEnabledError } from './social.exceptions.js';
import type { SocialProfile } from './social.types.js';

/**
 * One provider as the app sees it: the user's connections and a ready API client.
 *
 * @publicApi
 */
export class SocialProviderHandle {
  /** @internal */
  constructor(
    private readonly runtime: ProviderRuntime,
    private readonly connections: ConnectionRepository,
    private readonly refresher: TokenRefresher,
    private readonly flows: { login: LoginFlow; connect: ConnectFlow },
  ) {}

  /** The provider id ("twitter"). */
  get id(): string {
    return this.runtime.config.id;
  }

  /** The display name ("Twitter"). */
  get name(): string {
    return this.runtime.config.name;
  }

  /** The user's connection to this provider (the first by rank), or null when not connected. */
  getConnection(userId: string): Promise<Connection | null> {
    return this.connections.findConnection(userId, this.id);
  }

  /** All the user's connections to this provider. */
  getConnections(userId: string): Promise<Connection[]> {
    return this.connections.findConnections(userId, this.id);
  }

  /**
   * Finishes a provider login on a route of your own guarded by `SocialAuthGuard(id)`: logs the
   * connected user in (fresh tokens stored, events emitted) or says why not, as the module's
   * `/login/:provider` callback does.
   *
   * @example
   * @Get() @UseGuards(MyGoogleGuard)
   * async callback(@Req() req: Request, @SocialAuth() auth: SocialCallbackOutcome) {
   *   const outcome = await this.social.google.completeLogin(req, auth);
   * }
   */
  completeLogin(req: Request, auth: SocialCallbackOutcome): Promise<LoginOutcome> {
    return this.flows.login.complete(req, this.id, auth);
  }

  /** Finishes a connect for `userId` on a route of your own, as `/connect/:provider` does. */
  completeConnect(userId: string, auth: SocialCallbackOutcome): Promise<ConnectOutcome> {
    return this.flows.connect.complete(this.id, userId, auth);
  }

  /**
   * An API client acting for the user's connection, or null when not connected or when the
   * connection's stored tokens could not be decrypted (`needsReauth`: the user must reconnect).
   */
  async getApi(userId: string): Promise<ApiClient | null> {
    const connection = await this.getConnection(userId);
    if (!connection || connection.needsReauth) return null;
    // An expiring OAuth 2 token is renewed with the refresh token first (Google).
    const fresh = await this.refresher.ensureFresh(this.runtime.config, connection);
    return fresh ? this.runtime.definition.createApiClient(this.runtime.config, fresh) : null;
  }
}

/**
 * What apps inject: a handle per enabled provider (`social.twitter`, `social.provider('google')`).
 *
 * @publicApi
 */
@Injectable()
export class SocialService {
  private readonly handles = new Map<string, SocialProviderHandle>();

  constructor(
    strategies: ProviderStrategies,
    connections: ConnectionRepository,
    private readonly signUps: SignUpFlow,
    private readonly pendingSignUps: PendingSignUps,
    refresher: TokenRefresher,
    login: LoginFlow,
    connect: ConnectFlow,
  ) {
    for (const runtime of strategies.all()) {
      this.handles.set(
        runtime.config.id,
        new SocialProviderHandle(runtime, connections, refresher, { login, connect }),
      );
    }
  }

  /** Twitter's handle; throws when Twitter is not enabled. */
  get twitter(): SocialProviderHandle {
    return this.provider('twitter');
  }

  /** Facebook's handle; throws when Facebook is not enabled. */
  get facebook(): SocialProviderHandle {
    return this.provider('facebook');
  }

  /** Google's handle; throws when Google is not enabled. */
  get google(): SocialProviderHandle {
    return this.provider('google');
  }

  /** foursquare's handle; throws when foursquare is not enabled. */
  get foursquare(): SocialProviderHandle {
    return this.provider('foursquare');
  }

  /** The handle of an enabled provider; throws `ProviderNotEnabledError` for one not enabled. */
  provider(id: string): SocialProviderHandle {
    const handle = this.handles.get(id);
    if (!handle) {
      throw new ProviderNotEnabledError(
        `provider "${id}" is not enabled; enabled: ${[...this.handles.keys()].join(', ') || 'none'}`,
      );
    }
    return handle;
  }

  /** Whether a provider is enabled. */
  isEnabled(id: string): boolean {
    return this.handles.has(id);
  }

  /** Every enabled provider, in configuration order. */
  providers(): SocialProviderHandle[] {
    return [...this.handles.values()];
  }

  /**
   * The provider profile waiting for sign-up on this session (see the `signUpPage` option), or
   * null. It carries no tokens.
   */
  getPendingSignUp(req: Request): SocialProfile | null {
    return this.pendingSignUps.profile(req);
  }

  /**
   * Finishes a sign-up through a provider: `createUser` creates your user inside the same
   * database transaction as the connection (TypeORM: it gets the `EntityManager`) and returns
   * its id; then the user is logged in and `connection.created` and `login.completed` are
   * emitted. Rejects with `NoPendingSignUpError` when nothing waits, with
   * `ConnectionConflictError` when the account was linked meanwhile, or with what `createUser`
   * threw; nothing is written then.
   *
   * @example
   * await social.completeSignUp(req, async (profile, manager: EntityManager) => {
   *   const user = manager.create(User, { id: randomUUID(), email: form.email });
   *   await manager.insert(User, user);
   *   return user.id;
   * });
   */
  completeSignUp(
    req: Request,
    createUser: CreateUserFromSignUp,
  ): Promise<{ userId: string; connection: PublicConnection }> {
    return this.signUps.complete(req, createUser);
  }

  /** Forgets the profile waiting for sign-up on this session. */
  discardPendingSignUp(req: Request): void {
    this.pendingSignUps.discard(req);
  }
}
