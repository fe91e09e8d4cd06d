import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { SessionStoreError, type SocialErrorBody } from '../social.exceptions.js';
import { flash } from './flash.util.js';
import type { SocialAnswer } from './social-answers.js';
import { wantsJson } from './wants-json.util.js';

/** Writes a `SocialAnswer`: JSON with its status for API clients, else flash + redirect. */
@Injectable()
export class SocialResponder {
  constructor(@Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions) {}

  async send(req: Request, res: Response, answer: SocialAnswer): Promise<void> {
    noStore(res);
    if (wantsJson(req)) {
      res.status(answer.status).json(toJson(answer));
      return;
    }
    if (answer.category && answer.message && this.options.flashMessages) {
      flash(req, answer.category, answer.message);
    }
    await saveSession(req);
    res.redirect(302, answer.redirect);
  }

  /** Sends the browser (or a JSON client) to the provider; the guard has saved the session. */
  toProvider(req: Request, res: Response, url: string): void {
    noStore(res);
    if (wantsJson(req)) {
      res.status(200).json({ ok: true, redirect: url });
      return;
    }
    res.redirect(302, url);
  }
}

/** The JSON body of an answer: `{ ok, message?, redirect, ... }`, or the error body. */
export function toJson(answer: SocialAnswer): Record<string, unknown> {
  if (answer.status < 400) {
    return {
      ok: true,
      ...(answer.message ? { message: answer.message } : {}),
      redirect: answer.redirect,
      ...answer.data,
    };
  }
  return { ...toErrorBody(answer), ...answer.data };
}

/** The body every error shares: `{ statusCode, ok: false, code, message, redirect }`. */
export function toErrorBody(answer: SocialAnswer): SocialErrorBody {
  return {
    statusCode: answer.status,
    ok: false,
    code: answer.code!,
    message: answer.message ?? '',
    redirect: answer.redirect,
  };
}

/**
 * express-session writes its store only as the response ends, after Express's `res.redirect`
 * has sent its body; a fast provider (or browser) can come back before the write lands. Save
 * first, and answer 503 when the store cannot.
 */
export function saveSession(req: Request): Promise<void> {
  const session = (req as Request & { session?: { save?: (cb: (err?: unknown) => void) => void } })
    .session;
  if (!session?.save) return Promise.resolve();
  return new Promise((resolve, reject) =>
    session.save!((err) => (err ? reject(new SessionStoreError(err)) : resolve())),
  );
}

/** Callback URLs carry codes and states: keep answers out of caches and Referer headers (RFC 9700 §4.2.4). */
export function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
