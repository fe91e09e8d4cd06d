import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConnectionAuditEntry } from './connections/connection-audit.entity.js';
import { Connection } from './connections/connection.entity.js';
import { DataDeletionRequest } from './connections/data-deletion-request.entity.js';
import { RevocationRequest } from './connections/revocation-request.entity.js';
import { ConnectionRepository } from './connections/connection.repository.js';
import { SocialSchemaCheck } from './connections/schema-check.js';
import { TypeOrmConnectionRepository } from './connections/typeorm-connection.repository.js';
import { TokenCipher } from './crypto/token-cipher.js';
import { ConnectFlow } from './flows/connect.flow.js';
import { DisconnectFlow } from './flows/disconnect.flow.js';
import { RevocationRunner } from './flows/revocation.runner.js';
import { RevocationWorker } from './flows/revocation.worker.js';
import { LoginFlow } from './flows/login.flow.js';
import { PendingSignUps } from './flows/pending-sign-up.store.js';
import { SignUpFlow } from './flows/sign-up.flow.js';
import { SocialEventPublisher } from './flows/social-event.publisher.js';
import { SocialUsersRef } from './flows/social-users.ref.js';
import { EnabledProviderPipe } from './http/enabled-provider.pipe.js';
import { NextUrl } from './http/next-url.js';
import { ProviderCallbacks } from './http/provider-callbacks.js';
import { SocialAnswers } from './http/social-answers.js';
import { SocialExceptionFilter } from './http/social-exception.filter.js';
import { SocialRouteGuard } from './http/social-route.guard.js';
import { socialControllerFor } from './http/social.controller.js';
import { SocialResponder } from './http/social.responder.js';
import { OAuthStateStore } from './oauth/oauth-state.store.js';
import { OAuthStateRecord } from './oauth/oauth-state.entity.js';
import { TypeOrmOAuthStateStore } from './oauth/typeorm-oauth-state.store.js';
import { TokenRefresher } from './oauth/token-refresher.js';
import { ConnectionAccess } from './flows/connection-access.flow.js';
import { discoverProviders } from './options/provider-discovery.js';
import type { SocialModuleOptions } from './options/social-options.interface.js';
import {
  normalizePrefix,
  type ResolvedSocialOptions,
  resolveSocialOptions,
} from './options/social-options.resolver.js';
import { ProviderStrategies } from './providers/provider-strategies.js';
import { RESOLVED_SOCIAL_OPTIONS, SOCIAL_TOKEN_CIPHER } from './social.internal-constants.js';
import {
  ASYNC_OPTIONS_TYPE,
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  type SocialModuleAsyncOptions,
  type SocialModuleExtras,
} from './social.module-definition.js';
import { oauthStateStoreProvider } from './social.providers.js';
import { SocialService } from './social.service.js';

/** The tables of the default connection repository: connections, revocations, audit. */
const CONNECTION_TABLES = [
  Connection,
  RevocationRequest,
  ConnectionAuditEntry,
  DataDeletionRequest,
];

/**
 * Social login and account connections for Twitter/X, Facebook, Google and foursquare.
 *
 * @example
 * SocialModule.forRoot({
 *   appUrl: 'https://app.example.com',
 *   users: AppSocialUsers,
 *   providers: { google: { clientId: '…', clientSecret: '…' } },
 *   tokenEncryptionKeys: parseTokenKeys(process.env.SOCIAL_TOKEN_KEYS),
 * })
 * @publicApi
 */
@Module({})
export class SocialModule extends ConfigurableModuleClass {
  /** Registers the module with static options. */
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return SocialModule.extend(super.forRoot(options), options);
  }

  /**
   * Registers the module with options from a factory, class or existing provider. The factory's
   * result is type-checked like `forRoot`'s options: a misspelled key does not compile.
   */
  static override forRootAsync<T extends SocialModuleOptions>(
    options: SocialModuleAsyncOptions<T>,
  ): DynamicModule {
    const asyncOptions = options as typeof ASYNC_OPTIONS_TYPE;
    return SocialModule.extend(super.forRootAsync(asyncOptions), asyncOptions);
  }

  private static extend(base: DynamicModule, extras: SocialModuleExtras): DynamicModule {
    const urlPrefix = extras.urlPrefix ?? '';
    const providers: Provider[] = [
      {
        provide: RESOLVED_SOCIAL_OPTIONS,
        useFactory: (options: SocialModuleOptions) => resolveSocialOptions(options, urlPrefix),
        inject: [MODULE_OPTIONS_TOKEN],
      },
      {
        provide: SOCIAL_TOKEN_CIPHER,
        useFactory: (options: ResolvedSocialOptions) =>
          options.tokenEncryptionKeys ? new TokenCipher(options.tokenEncryptionKeys) : null,
        inject: [RESOLVED_SOCIAL_OPTIONS],
      },
      extras.connectionRepository
        ? { provide: ConnectionRepository, useClass: extras.connectionRepository }
        : {
            provide: ConnectionRepository,
            useFactory: (repository: Repository<Connection>, cipher: TokenCipher | null) =>
              new TypeOrmConnectionRepository(repository, cipher),
            inject: [getRepositoryToken(Connection, extras.dataSource), SOCIAL_TOKEN_CIPHER],
          },
      oauthStateStoreProvider(extras.stateStore, extras.dataSource),
      {
        provide: ProviderStrategies,
        // OpenID Connect providers are discovered first: an unreachable issuer stops the boot.
        useFactory: async (options: ResolvedSocialOptions, stateStore: OAuthStateStore) =>
          ProviderStrategies.create(await discoverProviders(options), stateStore),
        inject: [RESOLVED_SOCIAL_OPTIONS, OAuthStateStore],
      },
      PendingSignUps,
      SocialUsersRef,
      SocialEventPublisher,
      SignUpFlow,
      LoginFlow,
      ConnectFlow,
      DisconnectFlow,
      RevocationRunner,
      RevocationWorker,
      NextUrl,
      SocialAnswers,
      ProviderCallbacks,
      SocialResponder,
      EnabledProviderPipe,
      SocialRouteGuard,
      SocialExceptionFilter,
      TokenRefresher,
      ConnectionAccess,
      SocialService,
    ];
    const entities = [
      ...(extras.connectionRepository ? [] : CONNECTION_TABLES),
      ...(extras.stateStore === TypeOrmOAuthStateStore ? [OAuthStateRecord] : []),
    ];
    if (entities.length) {
      providers.push({
        provide: SocialSchemaCheck,
        useFactory: (...repositories: Repository<object>[]) => new SocialSchemaCheck(repositories),
        inject: entities.map((entity) => getRepositoryToken(entity, extras.dataSource)),
      });
    }
    return {
      ...base,
      imports: [
        ...(base.imports ?? []),
        ...(entities.length ? [TypeOrmModule.forFeature(entities, extras.dataSource)] : []),
      ],
      controllers: [socialControllerFor(normalizePrefix(urlPrefix), extras.controller)],
      providers: [...(base.providers ?? []), ...providers],
      // What SocialAuthGuard needs on an app's own routes comes with SocialService.
      exports: [
        SocialService,
        ConnectionRepository,
        MODULE_OPTIONS_TOKEN,
        RESOLVED_SOCIAL_OPTIONS,
        ProviderStrategies,
        OAuthStateStore,
        SocialUsersRef,
        SocialAnswers,
        NextUrl,
        RevocationWorker,
      ],
    };
  }
}
