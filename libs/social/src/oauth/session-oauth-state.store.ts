import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { callbackOf, type SocialCallback } from '../social.types.js';
import { OAuthStateStore, type PendingRoundTrip } from './oauth-state.store.js';
import { SpentHandles } from './spent-handles.js';

/** Pending round trips kept per provider and flow in one session: several tabs must not clobber each other. */
export const MAX_PENDING_ROUND_TRIPS = 5;

/** The session keys the round trips wait under, one per callback route. */
export type RoundTripSessionKeys = Record<SocialCallback, string>;

/**
 * The default `OAuthStateStore`: pending round trips in the user's session (express-session or
 * any middleware that gives `req.session`), login ones under one key and connect ones under
 * another, up to five per provider each. For one instance, or several sharing a session store.
 */
export class SessionOAuthStateStore extends OAuthStateStore {
  private readonly spent = new SpentHandles();

  constructor(private readonly keys: RoundTripSessionKeys) {
    super();
  }

  async save(req: Request, roundTrip: PendingRoundTrip): Promise<void> {
    const session = requireSession(req);
    const key = this.keys[callbackOf(roundTrip.flow)];
    const now = Date.now();
    const kept = live(session[key], now);
    const sameProvider = kept.filter((r) => r.providerId === roundTrip.providerId);
    const dropped = sameProvider.slice(
      0,
      Math.max(0, sameProvider.length + 1 - MAX_PENDING_ROUND_TRIPS),
    );
    session[key] = [...kept.filter((r) => !dropped.includes(r)), roundTrip];
  }

  async take(req: Request, providerId: string, handle: string): Promise<PendingRoundTrip | null> {
    const session = requireSession(req);
    const now = Date.now();
    for (const key of new Set(Object.values(this.keys))) {
      const kept = live(session[key], now);
      const index = kept.findIndex(
        (r) => r.providerId === providerId && sameHandle(r.handle, handle),
      );
      const found = index >= 0 ? kept.splice(index, 1)[0] : undefined;
      if (kept.length) session[key] = kept;
      else if (Array.isArray(session[key])) delete session[key];
      if (!found) continue;
      return this.spent.spend(`${providerId}:${found.handle}`) ? found : null;
    }
    return null;
  }
}

type Session = Record<string, unknown>;

function live(stored: unknown, now: number): PendingRoundTrip[] {
  if (!Array.isArray(stored)) return [];
  return (stored as PendingRoundTrip[]).filter(
    (r) => typeof r?.handle === 'string' && typeof r.expiresAt === 'number' && r.expiresAt > now,
  );
}

function sameHandle(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireSession(req: Request): Session {
  const session = (req as Request & { session?: Session }).session;
  if (!session) {
    throw new Error(
      'nestjs-social needs sessions: install express-session (app.use(session({...}))) before the module routes run',
    );
  }
  return session;
}
