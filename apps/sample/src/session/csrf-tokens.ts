import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SampleConfig } from '../config/sample-config.js';
import { SAMPLE_CONFIG } from '../config/sample-config.token.js';
import { csrfSync } from 'csrf-sync';
import './session-data.js';

/** The synchroniser token of logged-in sessions. */
const csrf = csrfSync({ getTokenFromRequest: (req) => tokenOf(req) });

/**
 * The CSRF token of a page's forms. A logged-in user's comes from the session (csrf-sync's
 * synchroniser token). An anonymous visitor's is a signed double-submit token: a random value in
 * a cookie of its own, and its HMAC in the form, so a page view stores no session (a session row
 * per cookieless GET would pile up for 14 days).
 */
@Injectable()
export class CsrfTokens {
  private readonly cookie: string;
  private readonly secure: boolean;

  constructor(@Inject(SAMPLE_CONFIG) private readonly config: SampleConfig) {
    this.secure = config.appUrl.startsWith('https:');
    this.cookie = this.secure ? '__Host-sample.csrf' : 'sample.csrf';
  }

  /** The token to put in this page's forms. */
  forPage(req: Request, res: Response): string {
    if (req.session?.userId) return csrf.generateToken(req);
    let nonce = this.nonceOf(req);
    // As express-session does: a Secure cookie only on a request that came over https.
    if (!nonce && this.secure && !req.secure) return '';
    if (!nonce) {
      nonce = randomBytes(18).toString('base64url');
      res.cookie(this.cookie, nonce, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.secure,
        path: '/',
      });
    }
    return this.sign(nonce);
  }

  /** Whether a state-changing request carries the token its session (or its cookie) calls for. */
  isValid(req: Request): boolean {
    if (req.session?.userId) return csrf.isRequestValid(req);
    const nonce = this.nonceOf(req);
    const given = tokenOf(req);
    if (!nonce || !given) return false;
    const expected = Buffer.from(this.sign(nonce));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.config.sessionSecret)
      .update(`csrf:${nonce}`)
      .digest('base64url');
  }

  private nonceOf(req: Request): string | undefined {
    const header = req.headers.cookie ?? '';
    for (const part of header.split(';')) {
      const [name, value] = part.trim().split('=');
      if (name === this.cookie && value && /^[A-Za-z0-9_-]{24}$/.test(value)) return value;
    }
    return undefined;
  }
}

/** The token a form (`_csrf`) or a script (`x-csrf-token`) sent back. */
export function tokenOf(req: Request): string | undefined {
  const fromForm = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof fromForm === 'string') return fromForm;
  const fromHeader = req.headers['x-csrf-token'];
  return typeof fromHeader === 'string' ? fromHeader : undefined;
}
