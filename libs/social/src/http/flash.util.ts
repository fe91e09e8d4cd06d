import type { Request } from 'express';

/** Flash categories, as Flask-Social used them. @publicApi */
export type FlashCategory = 'success' | 'info' | 'notice' | 'error';

type FlashRequest = Request & {
  flash?: (category: string, message: string) => unknown;
  session?: { flash?: Record<string, string[]> };
};

/**
 * Leaves a message for the next page: through connect-flash's `req.flash` when the app uses it,
 * else in `req.session.flash` in connect-flash's own shape ({ category: [messages] }), so either
 * way the app reads it the same.
 */
export function flash(req: Request, category: FlashCategory, message: string): void {
  const r = req as FlashRequest;
  if (typeof r.flash === 'function') {
    r.flash(category, message);
    return;
  }
  if (!r.session) return;
  const store = (r.session.flash ??= {});
  (store[category] ??= []).push(message);
}
