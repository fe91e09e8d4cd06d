import type { Request } from 'express';

/** True when the client asked for JSON rather than a page (`Accept: application/json`). */
export function wantsJson(req: Request): boolean {
  const accept = req.headers['accept'];
  if (typeof accept !== 'string' || !accept.includes('json')) return false;
  return typeof req.accepts === 'function' ? req.accepts(['html', 'json']) === 'json' : true;
}
