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
  // OAuth callbacks come back to APP_URL: a browser on another host name (127.0.0.1 for
  // localhost) would hold its session cookie under the wrong host and lose the round trip.
  const canonicalHost = new URL(config.appUrl).host;
  app.use((req: any, res: any, next: () => void) => {
    if (req.method === 'GET' && req.headers.host && req.headers.host !== canonicalHost) {
      return res.redirect(302, config.appUrl + req.originalUrl);
    }
    next();
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
