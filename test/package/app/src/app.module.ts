// src/app.module.ts
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { parseTokenKeys, SOCIAL_MIGRATIONS, SocialModule } from 'nestjs-social';
import { sandboxEndpoints } from 'nestjs-social/sandbox';
import { AppController } from './app.controller.js';
import { AppSocialUsers } from './users/app-social-users.js';
import { CreateAppUser1764720000000 } from './users/create-app-user.migration.js';
import { User } from './users/user.entity.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }), // reads .env
    TypeOrmModule.forRoot({
      type: 'better-sqlite3',
      database: 'app.sqlite',
      autoLoadEntities: true, // registers the module's Connection entity too
      migrations: [...SOCIAL_MIGRATIONS, CreateAppUser1764720000000],
      migrationsRun: true,
    }),
    TypeOrmModule.forFeature([User]),
    EventEmitterModule.forRoot(), // the module's events (connection.created, login.completed, ...)
    SocialModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        // Set SANDBOX_URL to develop against the provider sandbox (npx nestjs-social-sandbox).
        const sandboxUrl = config.get<string>('SANDBOX_URL');
        const sandbox = sandboxUrl ? sandboxEndpoints(sandboxUrl) : undefined;
        const twitterKey = config.get<string>('TWITTER_CONSUMER_KEY');
        return {
          appUrl: config.getOrThrow<string>('APP_URL'),
          users: AppSocialUsers,
          tokenEncryptionKeys: parseTokenKeys(config.getOrThrow<string>('SOCIAL_TOKEN_KEYS')),
          providers: {
            google: {
              clientId: config.getOrThrow<string>('GOOGLE_CLIENT_ID'),
              clientSecret: config.getOrThrow<string>('GOOGLE_CLIENT_SECRET'),
              ...sandbox?.google,
            },
            // Off (undefined) until its key is set; then needs `npm install passport-twitter`.
            twitter: twitterKey
              ? {
                  consumerKey: twitterKey,
                  consumerSecret: config.getOrThrow<string>('TWITTER_CONSUMER_SECRET'),
                  ...sandbox?.twitter,
                }
              : undefined,
          },
        };
      },
    }),
  ],
  controllers: [AppController],
  providers: [AppSocialUsers],
})
export class AppModule {}
