import { timingSafeEqual } from 'node:crypto';
import type { TokenCipher } from '../crypto/token-cipher.js';
import type { PendingRoundTrip } from './oauth-state.store.js';

/** A round trip as the database and Redis stores keep it: the lookup keys in the clear, the rest sealed. */
export interface StoredRoundTrip {
  handle: string;
  providerId: string;
  /** `sessionBinding()` of the browser session that started it. */
  binding: string;
  expiresAt: number;
  /** The rest of the round trip (flow, user, `next`, verifier or token secret, nonce) as JSON, encrypted when keys are set. */
  payload: string;
}

type Payload = Omit<PendingRoundTrip, 'handle' | 'providerId' | 'expiresAt'>;

/**
 * Packs a round trip for a store outside the session, and back. The payload holds the PKCE
 * verifier or OAuth 1.0a token secret, so it is sealed like a connection's tokens (bound to the
 * provider and handle: a record moved under another handle does not open).
 */
export class RoundTripCodec {
  constructor(private readonly cipher: TokenCipher | null) {}

  encode(roundTrip: PendingRoundTrip, binding: string): StoredRoundTrip {
    const { handle, providerId, expiresAt, ...rest } = roundTrip;
    const json = JSON.stringify(rest satisfies Payload);
    const payload = this.cipher ? this.cipher.encrypt(json, aad(providerId, handle)) : json;
    return { handle, providerId, binding, expiresAt, payload };
  }

  /** The round trip, or null when it was made for another session, has expired, or does not open. */
  decode(stored: StoredRoundTrip, binding: string, now = Date.now()): PendingRoundTrip | null {
    if (stored.expiresAt <= now || !sameBinding(stored.binding, binding)) return null;
    let json: string;
    try {
      json = this.cipher
        ? this.cipher.decrypt(stored.payload, aad(stored.providerId, stored.handle))
        : stored.payload;
    } catch {
      // Sealed under a key that is gone, or tampered with: as good as expired (10 minutes).
      return null;
    }
    const payload = JSON.parse(json) as Payload;
    return {
      ...payload,
      handle: stored.handle,
      providerId: stored.providerId,
      expiresAt: stored.expiresAt,
    };
  }
}

function aad(providerId: string, handle: string) {
  return {
    table: 'social_oauth_state',
    rowId: handle,
    column: 'roundTrip',
    userId: providerId,
  } as const;
}

function sameBinding(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
