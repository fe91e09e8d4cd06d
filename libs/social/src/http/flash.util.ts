import type { FlashCategory } from './flow-result.js';

/**
 * Leaves a message for the next page: through connect-flash's `req.flash` when the app uses it,
 * else in `req.session.flash` in connect-flash's own shape ({ category: [messages] }), so either
 * way the app reads it the same.
 */
export function flash(req: any, category: FlashCategory, message: string): void {
  if (typeof req.flash === 'function') {
    req.flash(category, message);
    return;
  }
  if (!req.session) return;
  const store = (req.session.flash ??= {}) as Record<string, string[]>;
  (store[category] ??= []).push(message);
}
