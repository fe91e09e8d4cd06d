import type { NextFunction, Request, Response } from 'express';

/**
 * Sends browsers on another host name than APP_URL's (127.0.0.1 for localhost) to APP_URL: the
 * OAuth callbacks come back there, and a session cookie kept under the other name would be lost.
 */
export function canonicalHost(appUrl: string) {
  const host = new URL(appUrl).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.headers.host && req.headers.host !== host) {
      return res.redirect(302, appUrl + req.originalUrl);
    }
    next();
  };
}
