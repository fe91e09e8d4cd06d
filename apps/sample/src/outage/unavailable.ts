import type { Request, Response } from 'express';

/** The answer while the database or the session store is down: 503, never a stack trace. */
export function sendUnavailable(req: Request, res: Response): void {
  res.status(503).setHeader('Retry-After', '5');
  if (String(req.headers.accept ?? '').includes('application/json')) {
    res.json({
      statusCode: 503,
      ok: false,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is temporarily unavailable. Please try again.',
      redirect: '/login',
    });
    return;
  }
  res
    .type('html')
    .send(
      '<!doctype html><html lang="en"><title>Unavailable</title><main><h1>Temporarily unavailable</h1>' +
        '<p>Please try again in a moment.</p></main></html>',
    );
}
