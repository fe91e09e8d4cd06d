import type { Request } from 'express';
import type { SocialFlow } from '../social.types.js';

/** How long a started OAuth round trip stays valid (Better Auth: 10 min, Auth.js: 15). */
export const ROUND_TRIP_TTL_MS = 10 * 60 * 1000;

/** One started OAuth round trip, kept server-side from its start until its callback takes it. */
export interface PendingRoundTrip {
  /** OAuth 2 `state`, or the OAuth 1.0a request token. */
  handle: string;
  providerId: string;
  flow: SocialFlow;
  /** The logged-in user who started a connect or reconnect; null for a login. */
  userId: string | null;
  /** Where the browser goes once the round trip is over: a path validated at the start. */
  next: string;
  /** PKCE code verifier (OAuth 2). */
  verifier?: string;
  /** Request-token secret (OAuth 1.0a). */
  tokenSecret?: string;
  /** OpenID Connect nonce, checked against the ID token's `nonce` claim. */
  nonce?: string;
  /** Epoch milliseconds after which the round trip is refused. */
  expiresAt: number;
}

/**
 * Keeps pending OAuth round trips between the start and the callback: the DI token and the
 * contract (like `ConnectionRepository`). `take` is the only way to read one, and it removes it
 * in the same step, so a round trip completes at most once.
 *
 * @publicApi
 */
export abstract class OAuthStateStore {
  /** Keeps a round trip until its callback, or until it expires. */
  abstract save(req: Request, roundTrip: PendingRoundTrip): Promise<void>;

  /**
   * Takes the provider's round trip with this handle out of the store: it, once, or null when
   * it is unknown, expired or already taken.
   */
  abstract take(req: Request, providerId: string, handle: string): Promise<PendingRoundTrip | null>;
}
