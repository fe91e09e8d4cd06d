import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Connection } from './connections/connection.entity.js';
import { ConnectionRepository } from './connections/connection.repository.js';
import { TypeOrmConnectionRepository } from './connections/typeorm-connection.repository.js';
import { SocialResponder } from './http/social.responder.js';
import { createSocialController } from './social.controller.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialFlowService } from './social-flow.service.js';
import {
  ASYNC_OPTIONS_TYPE,
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  type SocialModuleExtras,
} from './social.module-definition.js';
import type { SocialModuleOptions } from './social-options.interface.js';
import {
  normalizePrefix,
  type ResolvedSocialOptions,
  resolveSocialOptions,
} from './social-options.resolver.js';
import { TokenCipher } from './security/token-cipher.js';
import { SocialProviderGuard } from './social-provider.guard.js';
import { SocialService } from './social.service.js';
import { SocialSignUpService } from './social-sign-up.service.js';
import { TokenRefresher } from './api/token-refresher.js';
import { SocialUsersRef } from './social-users.ref.js';
import { RESOLVED_SOCIAL_OPTIONS, SOCIAL_TOKEN_CIPHER } from './social.internal-constants.js';
import { PendingSignUps } from './security/pending-sign-up.js';
import { ProviderRuntimes } from './strategy/provider-runtimes.js';
import { SocialOAuthService } from './strategy/social-oauth.service.js';

/**
 * Social login and account connections for Twitter/X, Facebook, Google and foursquare.
 *
 * @example
 * SocialModule.forRoot({
 *   appUrl: 'https://app.example.com',
 *   users: AppSocialUsers,
 *   providers: { google: { clientId: '…', clientSecret: '…' } },
 * })
 * @publicApi
 */
@Module({})
export class SocialModule extends ConfigurableModuleClass {
  /** Registers the module with static options. */
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return SocialModule.extend(super.forRoot(options), options);
  }

  /** Registers the module with options from a factory, class or existing provider. */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return SocialModule.extend(super.forRootAsync(options), options);
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
      PendingSignUps,
      ProviderRuntimes,
      SocialOAuthService,
      SocialFlowService,
      SocialUsersRef,
      SocialEventPublisher,
      SocialResponder,
      SocialProviderGuard,
      SocialSignUpService,
      TokenRefresher,
      SocialService,
    ];
    return {
      ...base,
      imports: [
        ...(base.imports ?? []),
        ...(extras.connectionRepository
          ? []
          : [TypeOrmModule.forFeature([Connection], extras.dataSource)]),
      ],
      controllers: [createSocialController(normalizePrefix(urlPrefix))],
      providers: [...(base.providers ?? []), ...providers],
      exports: [SocialService, ConnectionRepository, MODULE_OPTIONS_TOKEN],
    };
  }
}
