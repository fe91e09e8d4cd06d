import { ConfigurableModuleBuilder, type Type } from '@nestjs/common';
import type { ConnectionRepository } from './connections/connection.repository.js';
import type { SocialController } from './http/social.controller.js';
import type { OAuthStateStore } from './oauth/oauth-state.store.js';
import type { SocialModuleOptions } from './options/social-options.interface.js';
import type { StrictSocialOptions } from './options/strict-options.types.js';

/** Sync options: they shape the module graph, so they cannot come from an async factory. */
export interface SocialModuleExtras {
  /** Register the module globally. @default false */
  isGlobal?: boolean;
  /** Path prefix of the module's routes, e.g. '/auth'. [SOCIAL_URL_PREFIX] @default '' */
  urlPrefix?: string;
  /** Name of the TypeORM data source holding `social_connection`. @default the default data source */
  dataSource?: string;
  /** Your own `ConnectionRepository` implementation instead of the TypeORM one. */
  connectionRepository?: Type<ConnectionRepository>;
  /**
   * Where pending OAuth round trips wait between the start and the callback: the session
   * (`SessionOAuthStateStore`, one instance or a shared session store), the `social_oauth_state`
   * table (`TypeOrmOAuthStateStore`) or Redis (`RedisOAuthStateStore`, with the `redis` option),
   * or your own `OAuthStateStore` class. @default SessionOAuthStateStore
   */
  stateStore?: Type<OAuthStateStore>;
  /** Your subclass of `SocialController` (its protected hooks overridden), served under `urlPrefix`. */
  controller?: Type<SocialController>;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<SocialModuleOptions>({ moduleName: 'Social' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createSocialOptions')
    .setExtras<SocialModuleExtras>(
      {
        isGlobal: false,
        urlPrefix: '',
        dataSource: undefined,
        connectionRepository: undefined,
        controller: undefined,
        stateStore: undefined,
      },
      (definition, extras) => ({ ...definition, global: extras.isGlobal }),
    )
    .build();

/**
 * `forRootAsync`'s options: `useFactory` typed so that what it returns is checked like
 * `forRoot`'s object (a misspelled key is a compile error), plus the sync extras.
 *
 * @publicApi
 */
export type SocialModuleAsyncOptions<T extends SocialModuleOptions = SocialModuleOptions> = Omit<
  typeof ASYNC_OPTIONS_TYPE,
  'useFactory'
> & {
  useFactory?: (...args: never[]) => StrictSocialOptions<T> | Promise<StrictSocialOptions<T>>;
};
