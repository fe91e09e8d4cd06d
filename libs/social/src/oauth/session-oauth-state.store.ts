import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { callbackOf, type SocialCallback } from '../social.types.js';
import { OAuthStateStore, type PendingRoundTrip } from './oauth-state.store.js';
import { RoundTripCodec, type StoredRoundTrip } from './round-trip-codec.js';
import { SpentHandles } from './spent-handles.js';
import { requireSession } from './require-session.util.js';

/** Pending round trips kept per provider and flow in one session: several tabs must not clobber each other. */
export const MAX_PENDING_ROUND_TRIPS = 5;

/** The session keys the round trips wait under, one per callback route. */
export type RoundTripSessionKeys = Record<SocialCallback, string>;

/** The session itself binds a round trip kept in it to the browser. */
const IN_SESSION = '';

/**
 * The default `OAuthStateStore`: pending round trips in the user's session (express-session or
 * any middleware that gives `req.session`), login ones under one key and connect ones under
 * another, up to five per provider each, their secrets sealed like tokens (an abandoned one
 * lingers in the session row until the next round trip). For one instance, or several sharing
 * a session store; several tabs of one browser can lose each other's round trips when their
 * session saves cross (express-session saves the session whole): use the database or Redis
 * store past one instance.
 *
 * @publicApi
 */
export class SessionOAuthStateStore extends OAuthStateStore {
  private readonly spent = new SpentHandles();
  private readonly codec: RoundTripCodec;

  constructor(
    private readonly keys: RoundTripSessionKeys,
    cipher: TokenCipher | null = null,
  ) {
    super();
    this.codec = new RoundTripCodec(cipher);
  }

  async save(req: Request, roundTrip: PendingRoundTrip): Promise<void> {
    const session = requireSession<Session>(req);
    const key = this.keys[callbackOf(roundTrip.flow)];
    const kept = live(session[key], Date.now());
    const sameProvider = kept.filter((r) => r.providerId === roundTrip.providerId);
    const dropped = new Set(
      sameProvider.slice(0, Math.max(0, sameProvider.length + 1 - MAX_PENDING_ROUND_TRIPS)),
    );
    session[key] = [
      ...kept.filter((r) => !dropped.has(r)),
      this.codec.encode(roundTrip, IN_SESSION),
    ];
  }

  async take(req: Request, providerId: string, handle: string): Promise<PendingRoundTrip | null> {
    const session = requireSession<Session>(req);
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
      if (!this.spent.spend(`${providerId}:${found.handle}`, found.expiresAt, now)) return null;
      return this.codec.decode(found, IN_SESSION, now);
    }
    return null;
  }
}

type Session = Record<string, unknown>;

function live(stored: unknown, now: number): StoredRoundTrip[] {
  if (!Array.isArray(stored)) return [];
  return (stored as StoredRoundTrip[]).filter(
    (r) => typeof r?.handle === 'string' && typeof r.expiresAt === 'number' && r.expiresAt > now,
  );
}

function sameHandle(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
