import { csrfSync } from 'csrf-sync';

/**
 * CSRF protection for every form, the module's included (Synchroniser Token Pattern: a token
 * kept in the session, sent back in a hidden `_csrf` field or an `x-csrf-token` header).
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const fromForm = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromForm === 'string') return fromForm;
    const fromHeader = req.headers['x-csrf-token'];
    return typeof fromHeader === 'string' ? fromHeader : undefined;
  },
});

/** Refuses a state-changing request without the session's token: 403, nothing changed. */
export function csrfProtection(req: any, res: any, next: () => void) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || csrf.isRequestValid(req)) return next();
  res.status(403);
  if (String(req.headers.accept ?? '').includes('application/json')) {
    return res.json({
      statusCode: 403,
      ok: false,
      code: 'CSRF_FAILED',
      message: 'Missing or invalid CSRF token',
    });
  }
  res
    .type('html')
    .send(
      '<!doctype html><html lang="en"><title>Form expired</title><main><h1>This form has expired</h1>' +
        '<p>Go back, reload the page and try again.</p><p><a href="/login">Log in</a></p></main></html>',
    );
}
