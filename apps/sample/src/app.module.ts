import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SocialModule } from 'nestjs-social';
import { databaseOptions, migratedDataSource } from './config/database-options.js';
import type { SampleConfig } from './config/sample-config.js';
import { socialOptions, stateStoreClass } from './config/social-options.js';
import { SAMPLE_CONFIG } from './config/sample-config.token.js';
import { EventLogListener } from './events/event-log.listener.js';
import { OutageFilter } from './outage/outage.filter.js';
import { CsrfTokens } from './session/csrf-tokens.js';
import { LOGIN_THROTTLING } from './users/login-throttling.js';
import { PagesController } from './pages/pages.controller.js';
import { SessionStoreModule } from './session/session-store.module.js';
import { SignUpController } from './sign-up/sign-up.controller.js';
import { StatusController } from './status/status.controller.js';
import { SampleSocialUsers } from './users/sample-social-users.js';
import { User } from './users/user.entity.js';
import { PasswordHasher } from './users/password-hasher.js';
import { UsersService } from './users/users.service.js';

/** The sample app: local accounts, pages, and nestjs-social on top. */
@Module({})
export class AppModule {
  static forRoot(config: SampleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(config.databaseUrl),
          dataSourceFactory: migratedDataSource,
        }),
        TypeOrmModule.forFeature([User]),
        EventEmitterModule.forRoot(),
        ThrottlerModule.forRoot(LOGIN_THROTTLING),
        SocialModule.forRoot({
          ...socialOptions(config),
          stateStore: stateStoreClass(config.stateStore),
        }),
        SessionStoreModule.forRoot(config),
      ],
      controllers: [PagesController, SignUpController, StatusController],
      providers: [
        { provide: SAMPLE_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: OutageFilter },
        CsrfTokens,
        PasswordHasher,
        UsersService,
        SampleSocialUsers,
        ...(config.eventLog ? [EventLogListener] : []),
      ],
    };
  }
}
