import { type DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppEnv } from '../shared/app-env.js';
import { BenchUser } from '../shared/bench-user.entity.js';
import { countStatement } from '../shared/sql-counter.js';
import { Account } from './account.entity.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { APP_ENV, GoogleStrategy } from './google.strategy.js';
import { SessionSerializer } from './session.serializer.js';

/** Google sign-in as the Nest docs have it: @nestjs/passport, TypeORM, express-session. */
@Module({})
export class HandWrittenModule {
  static forRoot(env: AppEnv): DynamicModule {
    return {
      module: HandWrittenModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: env.database,
          autoLoadEntities: true,
          synchronize: true,
          verbose: countStatement,
        }),
        TypeOrmModule.forFeature([BenchUser, Account]),
        PassportModule.register({ session: true }),
      ],
      controllers: [AuthController],
      providers: [
        { provide: APP_ENV, useValue: env },
        AuthService,
        GoogleStrategy,
        SessionSerializer,
      ],
    };
  }
}
