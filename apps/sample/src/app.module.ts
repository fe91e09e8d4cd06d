import { type DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SocialModule } from 'nestjs-social';
import { databaseOptions } from './config/database-options.js';
import type { SampleConfig } from './config/sample-config.js';
import { socialOptions } from './config/social-options.js';
import { PagesController } from './pages/pages.controller.js';
import { SessionStoreModule } from './session/session-store.module.js';
import { SignUpController } from './sign-up/sign-up.controller.js';
import { StatusController } from './status/status.controller.js';
import { SampleSocialUsers } from './users/sample-social-users.js';
import { User } from './users/user.entity.js';
import { UsersService } from './users/users.service.js';

/** The sample app: local accounts, pages, and nestjs-social on top. */
@Module({})
export class AppModule {
  static forRoot(config: SampleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config.databaseUrl)),
        TypeOrmModule.forFeature([User]),
        EventEmitterModule.forRoot(),
        SocialModule.forRoot(socialOptions(config)),
        SessionStoreModule.forRoot(config),
      ],
      controllers: [PagesController, SignUpController, StatusController],
      providers: [UsersService, SampleSocialUsers],
    };
  }
}
