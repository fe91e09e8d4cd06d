import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { callbackOf } from '../social.types.js';
import { OAuthStateStore, type PendingRoundTrip, ROUND_TRIP_TTL_MS } from './oauth-state.store.js';
import type { CompletedRoundTrip, RoundTripState } from './round-trip-state.js';

/** A fresh 256-bit state value (RFC 9700 §4.7.1 asks for at least 128 bits from a CSPRNG). */
export function newHandle(): string {
  return randomBytes(32).toString('base64url');
}

/** The store failed (database or Redis down, no session): not the provider's fault, never a 502. */
export class StateStoreFailure extends Error {
  override readonly name = 'StateStoreFailure';
  constructor(override readonly cause: unknown) {
    super('The OAuth state store failed');
  }
}

/**
 * One request's view of a provider's pending round trips: starts them as the guard's state says,
 * and takes one back only when it was started for this callback route and, for a connect, by
 * the same user. A round trip is spent by any take, whether it matches or not.
 */
export class RoundTrips {
  /** The round trip this request took, once it has (with its secrets: the OIDC nonce). */
  taken?: PendingRoundTrip;

  constructor(
    private readonly store: OAuthStateStore,
    private readonly providerId: string,
    private readonly state: RoundTripState,
  ) {}

  async start(
    req: Request,
    handle: string,
    secrets: Pick<PendingRoundTrip, 'verifier' | 'tokenSecret' | 'nonce'>,
  ) {
    const { state } = this;
    if (state.step !== 'start') throw new Error('a round trip can only start from a start request');
    const roundTrip: PendingRoundTrip = {
      handle,
      providerId: this.providerId,
      flow: state.flow,
      userId: state.userId,
      next: state.next,
      ...secrets,
      expiresAt: Date.now() + ROUND_TRIP_TTL_MS,
    };
    await this.guarded(() => this.store.save(req, roundTrip));
  }

  /** The matching round trip with its secrets, or null. */
  async take(req: Request, handle: unknown): Promise<PendingRoundTrip | null> {
    if (typeof handle !== 'string' || handle === '') return null;
    const found = await this.guarded(() => this.store.take(req, this.providerId, handle));
    if (!found || found.expiresAt <= Date.now()) return null;
    // Login states only complete a login, connect states only a connect by the same user.
    if (callbackOf(found.flow) !== callbackOf(this.state.flow)) return null;
    if (found.flow !== 'login' && found.userId !== this.state.userId) return null;
    this.taken = found;
    return found;
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new StateStoreFailure(error);
    }
  }
}

/** The part of a taken round trip that may travel on: no verifier, no token secret. */
export function completed({ flow, userId, next }: PendingRoundTrip): CompletedRoundTrip {
  return { flow, userId, next };
}
