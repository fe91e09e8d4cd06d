import type { Request } from 'express';
import { SocialSetupError } from '../social.exceptions.js';

/** The session middleware's `req.session`, or the setup error that names the fix. */
export function requireSession<T extends object = Record<string, unknown>>(req: Request): T {
  const session = (req as Request & { session?: T }).session;
  if (!session) throw new SocialSetupError(NO_SESSION);
  return session;
}

const NO_SESSION =
  'no session middleware: req.session is undefined. Register one in main.ts before app.listen(), e.g. ' +
  "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false })) from 'express-session' " +
  '(any middleware that sets req.session works)';
