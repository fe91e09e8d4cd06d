import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedSocialOptions } from '../social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { flash } from './flash.util.js';
import type { FlowResult } from './flow-result.js';
import { wantsJson } from './wants-json.util.js';

/** Writes a `FlowResult`: JSON with its status for API clients, else flash + redirect. */
@Injectable()
export class SocialResponder {
  constructor(@Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions) {}

  async send(req: any, res: any, result: FlowResult): Promise<void> {
    noStore(res);
    if (wantsJson(req)) {
      const ok = result.status < 400;
      res.status(result.status).json({
        ...(ok ? { ok } : { statusCode: result.status, ok, code: result.code }),
        ...(result.flash ? { message: result.flash.message } : {}),
        redirect: result.redirect,
        ...result.data,
      });
      return;
    }
    if (result.flash && this.options.flashMessages)
      flash(req, result.flash.category, result.flash.message);
    await saveSession(req);
    res.redirect(302, result.redirect);
  }

  /** Sends the browser (or a JSON client) to the provider, once the pending round trip is stored. */
  async toProvider(req: any, res: any, url: string): Promise<void> {
    // A fast provider (or an already-consented Google) can call back before a lazy save lands.
    await saveSession(req);
    noStore(res);
    if (wantsJson(req)) {
      res.status(200).json({ ok: true, redirect: url });
      return;
    }
    res.redirect(302, url);
  }
}

/**
 * express-session writes its store only as the response ends, after the Location header went out;
 * a fast provider (or browser) can come back before the write lands. Save first.
 */
export function saveSession(req: any): Promise<void> {
  if (!req.session?.save) return Promise.resolve();
  return new Promise((resolve, reject) =>
    req.session.save((err: unknown) => (err ? reject(new SessionStoreError(err)) : resolve())),
  );
}

/** The session store failed to save; the module answers 503. */
export class SessionStoreError extends Error {
  override readonly name = 'SessionStoreError';
  constructor(override readonly cause: unknown) {
    super('The session store could not save the session');
  }
}

/** Callback URLs carry codes and states: keep answers out of caches and Referer headers (RFC 9700 §4.2.4). */
function noStore(res: any): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
