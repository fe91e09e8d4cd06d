import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { requireSession } from './require-session.util.js';

type SessionRequest = Request & { sessionID?: unknown; session?: Record<string, unknown> };

/** Where the binding lives when the session middleware has no id (cookie-session). */
const BINDING_KEY = 'social:binding';

/**
 * What ties a round trip kept outside the session (database, Redis) to the browser session that
 * started it (RFC 6749 §10.12): a hash of the session id, so the stored value cannot be replayed
 * as a cookie. The session is also marked, so a session middleware that saves only modified
 * sessions keeps this one (and its cookie) for the callback. Without a session id, a random value
 * kept in the session stands in for it.
 */
export function sessionBinding(req: Request): string {
  const r = req as SessionRequest;
  const session = requireSession(req);
  if (typeof r.sessionID === 'string' && r.sessionID !== '') {
    session[BINDING_KEY] ??= true;
    return digest(r.sessionID);
  }
  if (typeof session[BINDING_KEY] !== 'string')
    session[BINDING_KEY] = randomBytes(16).toString('base64url');
  return digest(session[BINDING_KEY] as string);
}

function digest(value: string): string {
  return createHash('sha256').update(`nestjs-social:${value}`).digest('base64url');
}
