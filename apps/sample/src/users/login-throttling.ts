import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';

/**
 * Password logins are rate-limited per client address and per account: guessing at one account
 * from many addresses, or at many accounts from one, both run into a limit.
 */
export const LOGIN_THROTTLING: ThrottlerModuleOptions = {
  throttlers: [
    { name: 'ip', ttl: 60_000, limit: 20 },
    {
      name: 'account',
      ttl: 15 * 60_000,
      limit: 10,
      getTracker: (req: Record<string, unknown>) => {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? `account:${email.trim().toLowerCase()}` : 'account:none';
      },
    },
  ],
};

/** A throttled login answers 429 with a page saying to wait, not a JSON error. */
@Catch(ThrottlerException)
export class TooManyAttemptsFilter implements ExceptionFilter {
  catch(_exception: ThrottlerException, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    res.status(429).setHeader('Retry-After', '60');
    if (String(req.headers.accept ?? '').includes('application/json')) {
      return res.json({
        statusCode: 429,
        ok: false,
        code: 'TOO_MANY_ATTEMPTS',
        message: 'Too many login attempts',
        redirect: '/login',
      });
    }
    res
      .type('html')
      .send(
        '<!doctype html><html lang="en"><title>Too many attempts</title><main><h1>Too many login attempts</h1>' +
          '<p>Wait a minute, then <a href="/login">try again</a>.</p></main></html>',
      );
  }
}
