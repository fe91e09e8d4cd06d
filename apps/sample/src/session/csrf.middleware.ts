import type { NextFunction, Request, Response } from 'express';
import type { CsrfTokens } from './csrf-tokens.js';

/**
 * CSRF protection for every form, the module's included: a state-changing request without the
 * token its session (or, anonymous, its cookie) calls for is refused, 403, nothing changed.
 */
export function csrfProtection(tokens: CsrfTokens) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || tokens.isValid(req)) return next();
    res.status(403);
    if (String(req.headers.accept ?? '').includes('application/json')) {
      return res.json({
        statusCode: 403,
        ok: false,
        code: 'CSRF_FAILED',
        message: 'Missing or invalid CSRF token',
        redirect: '/login',
      });
    }
    res
      .type('html')
      .send(
        '<!doctype html><html lang="en"><title>Form expired</title><main><h1>This form has expired</h1>' +
          '<p>Go back, reload the page and try again.</p><p><a href="/login">Log in</a></p></main></html>',
      );
  };
}
