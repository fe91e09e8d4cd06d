import { randomBytes } from 'node:crypto';
import { Controller, type DynamicModule, Get, Module, Req, Res } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { SocialModule } from 'nestjs-social';
import { BENCH_CLIENT } from '../../provider/bench-client.js';
import { type AppEnv, WELCOME_PATH } from '../shared/app-env.js';
import { BenchUser } from '../shared/bench-user.entity.js';
import { countStatement } from '../shared/sql-counter.js';
import { BenchSocialUsers } from './bench-social-users.js';

@Controller()
class LogoutController {
  @Get('logout')
  logout(@Req() req: Request, @Res() res: Response) {
    req.session.destroy(() => res.redirect('/'));
  }
}

/**
 * nestjs-social configured like the hand-written app: TypeORM on a SQLite file, the event bus,
 * Google against the fake provider, tokens encrypted at rest, sign-up at the first login.
 */
@Module({})
export class SocialBenchModule {
  static forRoot(env: AppEnv): DynamicModule {
    return {
      module: SocialBenchModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: env.database,
          autoLoadEntities: true,
          synchronize: true,
          verbose: countStatement,
        }),
        TypeOrmModule.forFeature([BenchUser]),
        EventEmitterModule.forRoot(),
        SocialModule.forRoot({
          appUrl: env.appUrl,
          users: BenchSocialUsers,
          loginRedirect: WELCOME_PATH,
          // The hand-written app shows no message either.
          flashMessages: false,
          tokenEncryptionKeys: [`k1:${randomBytes(32).toString('base64')}`],
          providers: {
            google: {
              clientId: BENCH_CLIENT.id,
              clientSecret: BENCH_CLIENT.secret,
              ...env.endpoints,
              ...env.openId,
            },
          },
        }),
      ],
      controllers: [LogoutController],
      providers: [BenchSocialUsers],
    };
  }
}
