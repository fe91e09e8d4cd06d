import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Connection } from './connections/connection.entity.js';
import type { PublicConnection } from './connections/connection-values.js';
import { ConnectionRepository } from './connections/connection.repository.js';
import type { AuditTrailPage } from './connections/connection-audit-log.js';
import type { ConnectionAuditEntry } from './connections/connection-audit.entity.js';
import { ConnectFlow } from './flows/connect.flow.js';
import type { ConnectOutcome, LoginOutcome } from './flows/flow-outcomes.js';
import { LoginFlow } from './flows/login.flow.js';
import { PendingSignUps } from './flows/pending-sign-up.store.js';
import { type CreateUserFromSignUp, SignUpFlow } from './flows/sign-up.flow.js';
import type { SocialCallbackOutcome } from './oauth/social-auth-outcome.js';
import type { OAuth2Client } from 'google-auth-library';
import type { TwitterApi } from 'twitter-api-v2';
import { ConnectionAccess } from './flows/connection-access.flow.js';
import type { ApiClient } from './providers/api-client.js';
import type { FacebookGraphClient } from './providers/facebook-graph.client.js';
import type { FoursquareClient } from './providers/foursquare.client.js';
import { type ProviderRuntime, ProviderStrategies } from './providers/provider-strategies.js';
import { ProviderNotEnabledError } from './social.exceptions.js';
import type { SocialProfile } from './social.types.js';

/**
 * One provider as the app sees it: the user's connections and a ready API client of type `Api`
 * (`TwitterApi`, `OAuth2Client`, `FacebookGraphClient`, `FoursquareClient`, or `ApiClient` for
 * other providers).
 *
 * @publicApi
 */
export class SocialProviderHandle<Api = unknown> {
  /** @internal */
  constructor(
    private readonly runtime: ProviderRuntime,
    private readonly connections: ConnectionRepository,
    private readonly access: ConnectionAccess,
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
   * The provider's client acting for the user's connection (the first by rank), or null when
   * not connected or when the connection is not `active` (its `status` says why: `expired`,
   * `needs_reauth`, `revoked`; the user must connect again). An OAuth 2 token about to expire is
   * renewed first with the refresh token; one that expired without a refresh token makes the
   * connection `expired`. A token the provider's API refuses through the client (401, Graph
   * error 190) makes it `needs_reauth`; both emit `connection.updated`. Twitter and Google need
   * their optional peer packages (twitter-api-v2, google-auth-library): without it this rejects
   * with `MissingPeerPackageError`, naming the package.
   *
   * @example
   * const twitter = await social.twitter.getApi(userId); // TwitterApi | null
   * await twitter?.v2.tweet('Hello');
   */
  async getApi(userId: string): Promise<Api | null> {
    return (await this.access.client(this.runtime, userId)) as Api | null;
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
    private readonly connections: ConnectionRepository,
    private readonly signUps: SignUpFlow,
    private readonly pendingSignUps: PendingSignUps,
    access: ConnectionAccess,
    login: LoginFlow,
    connect: ConnectFlow,
  ) {
    for (const runtime of strategies.all()) {
      this.handles.set(
        runtime.config.id,
        new SocialProviderHandle(runtime, connections, access, { login, connect }),
      );
    }
  }

  /** Twitter's handle (`getApi()`: twitter-api-v2's `TwitterApi`); throws when not enabled. */
  get twitter(): SocialProviderHandle<TwitterApi> {
    return this.provider<TwitterApi>('twitter');
  }

  /** Facebook's handle (`getApi()`: `FacebookGraphClient`); throws when not enabled. */
  get facebook(): SocialProviderHandle<FacebookGraphClient> {
    return this.provider<FacebookGraphClient>('facebook');
  }

  /** Google's handle (`getApi()`: google-auth-library's `OAuth2Client`); throws when not enabled. */
  get google(): SocialProviderHandle<OAuth2Client> {
    return this.provider<OAuth2Client>('google');
  }

  /** foursquare's handle (`getApi()`: `FoursquareClient`); throws when not enabled. */
  get foursquare(): SocialProviderHandle<FoursquareClient> {
    return this.provider<FoursquareClient>('foursquare');
  }

  /**
   * The handle of an enabled provider; throws `ProviderNotEnabledError` for one not enabled.
   * `Api` is the type its `getApi()` gives (`ApiClient` for custom providers).
   */
  provider<Api = ApiClient>(id: string): SocialProviderHandle<Api> {
    const handle = this.handles.get(id) as SocialProviderHandle<Api> | undefined;
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

  /**
   * The user's connection audit trail, newest first: who (`actor`), what (`action`, provider,
   * provider user id, connection id), when, and which request or job. Page on with `before`,
   * the id of the last entry of the page before. Empty when the repository keeps no trail.
   *
   * @example
   * const page = await social.auditTrail(userId, { limit: 20 });
   * const next = await social.auditTrail(userId, { limit: 20, before: page.at(-1)?.id });
   */
  auditTrail(userId: string, page?: AuditTrailPage): Promise<ConnectionAuditEntry[]> {
    return this.connections.auditLog()?.trail(userId, page) ?? Promise.resolve([]);
  }

  /** Forgets the profile waiting for sign-up on this session. */
  discardPendingSignUp(req: Request): void {
    this.pendingSignUps.discard(req);
  }
}
