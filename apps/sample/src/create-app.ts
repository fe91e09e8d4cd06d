import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import { AppModule } from './app.module.js';
import type { SampleConfig } from './config/sample-config.js';

/** Builds the sample app (not listening yet). */
export async function createSampleApp(config: SampleConfig, logger: false | undefined = undefined) {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logger === false ? false : undefined,
  });
  app.use(
    session({
      name: 'sample.sid',
      secret: config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.appUrl.startsWith('https:') },
    }),
  );
  return app;
}
