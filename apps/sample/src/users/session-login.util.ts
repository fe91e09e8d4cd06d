import type { Request } from 'express';
import '../session/session-data.js';

/**
 * Logs a user in on this session under a new session id (session fixation: OWASP, and
 * passport's CVE-2022-25896 fix), keeping any flash messages across.
 */
export function loginSession(req: Request, userId: string): Promise<void> {
  const flash = req.session.flash;
  return new Promise((resolve, reject) =>
    req.session.regenerate((err: unknown) => {
      if (err) return reject(err);
      req.session.userId = userId;
      if (flash) req.session.flash = flash;
      req.session.save((saveErr: unknown) => (saveErr ? reject(saveErr) : resolve()));
    }),
  );
}

/** Ends the session (and every pending OAuth round trip in it). */
export function logoutSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err: unknown) => (err ? reject(err) : resolve())),
  );
}
