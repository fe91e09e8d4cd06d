import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import { AppModule } from './app.module.js';
import type { SampleConfig } from './config/sample-config.js';
import { canonicalHost } from './session/canonical-host.middleware.js';
import { sendUnavailable } from './outage/unavailable.js';
import { CsrfTokens } from './session/csrf-tokens.js';
import { csrfProtection } from './session/csrf.middleware.js';
import { sessionOptions } from './session/session-cookie.js';
import { SESSION_STORE } from './session/session-store.module.js';

/** Builds the sample app (not listening yet). */
export async function createSampleApp(config: SampleConfig, logger: false | undefined = undefined) {
  // Body parsing is ours: CSRF protection reads the form before Nest's routes run.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logger === false ? false : undefined,
    bodyParser: false,
  });
  // How many proxies' X-Forwarded-* headers to believe (0: none); see SampleConfig.trustProxy.
  app.set('trust proxy', config.trustProxy ?? 0);
  app.use(canonicalHost(config.appUrl));
  app.use(express.urlencoded({ extended: false, limit: '20kb' }));
  app.use(express.json({ limit: '20kb' }));
  const sessions = session(sessionOptions(config, app.get(SESSION_STORE)));
  // A session store that is down answers 503, like the database (never Express's 500 page).
  app.use((req: Request, res: Response, next: NextFunction) =>
    sessions(req, res, (error?: unknown) => {
      if (!error) return next();
      // A save that fails after the answer went out has nothing left to answer.
      if (!res.headersSent) sendUnavailable(req, res);
    }),
  );
  app.use(csrfProtection(app.get(CsrfTokens)));
  return app;
}
