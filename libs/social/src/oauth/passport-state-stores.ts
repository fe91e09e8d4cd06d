import type { Request } from 'express';
import { completed, newHandle, type RoundTrips } from './round-trips.js';

type StoreCallback = (err: Error | null, result?: string | boolean, info?: unknown) => void;

/**
 * Runs the store's work, then hands passport its answer. passport goes on inside `answer`; a
 * throw there is reported through the callback rather than left as an unhandled rejection.
 */
function reply<T>(work: Promise<T>, cb: StoreCallback, answer: (value: T) => void): void {
  work.then(
    (value) => {
      try {
        answer(value);
      } catch (error) {
        cb(error as Error);
      }
    },
    (error: Error) => cb(error),
  );
}

/** What a strategy fails with when the callback's state is not a round trip it may complete. */
export const STATE_INVALID = { reason: 'state_invalid' } as const;

/**
 * passport-oauth2's `store`: each start keeps a fresh state with its PKCE verifier; each
 * callback takes it back. passport's own session store keeps one state per authorization-server
 * host with no expiry, shared between strategies on one host; this one is per provider,
 * expiring and bound to flow and user.
 */
export class OAuth2StateStoreAdapter {
  /**
   * @param pkce the provider uses PKCE: a round trip without a stored verifier is refused.
   * @param nonce the OpenID Connect nonce a start sends, kept with its round trip.
   */
  constructor(
    private readonly roundTrips: RoundTrips,
    private readonly pkce: boolean,
    private readonly nonce?: string,
  ) {}

  // passport-oauth2 picks the call shape from the arity: keep all five parameters.
  store(
    req: Request,
    verifier: string | undefined,
    _state: unknown,
    _meta: unknown,
    cb: StoreCallback,
  ) {
    const handle = newHandle();
    const secrets = this.nonce ? { verifier, nonce: this.nonce } : { verifier };
    reply(this.roundTrips.start(req, handle, secrets), cb, () => cb(null, handle));
  }

  verify(req: Request, providedState: unknown, _meta: unknown, cb: StoreCallback) {
    reply(this.roundTrips.take(req, providedState), cb, (found) => {
      if (!found) return cb(null, false, STATE_INVALID);
      // Never exchange the code without the verifier (RFC 9700 §2.1.1): no empty or decoy one.
      if (this.pkce && !found.verifier) return cb(null, false, STATE_INVALID);
      // A string tells passport-oauth2 to send it as the PKCE code_verifier.
      cb(null, found.verifier ?? true, completed(found));
    });
  }
}

/**
 * passport-oauth1's `requestTokenStore`. passport's own store returns the stored secret without
 * comparing the returned `oauth_token` to the stored one, keeps the token after a failed
 * exchange, and throws (a 500) when the session lost it; this one looks the token up by value
 * (RFC 5849 §2.2), takes it out on first use and fails with a 403.
 */
export class OAuth1RequestTokenStoreAdapter {
  constructor(private readonly roundTrips: RoundTrips) {}

  get(req: Request, token: string, _meta: unknown, cb: StoreCallback) {
    reply(this.roundTrips.take(req, token), cb, (found) => {
      if (!found?.tokenSecret) return cb(null, false, STATE_INVALID);
      cb(null, found.tokenSecret, completed(found));
    });
  }

  set(
    req: Request,
    token: string,
    tokenSecret: string,
    _state: unknown,
    _meta: unknown,
    cb: StoreCallback,
  ) {
    reply(this.roundTrips.start(req, token, { tokenSecret }), cb, () => cb(null));
  }

  // Already taken out by get().
  destroy(_req: Request, _token: string, _meta: unknown, cb: (err: Error | null) => void) {
    cb(null);
  }
}
