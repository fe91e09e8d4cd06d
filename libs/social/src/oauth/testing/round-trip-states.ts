import type { PendingRoundTrip } from '../oauth-state.store.js';
import { RoundTripCodec, type StoredRoundTrip } from '../round-trip-codec.js';
import type { RoundTripState } from '../round-trip-state.js';
import type { SocialFlow } from '../../social.types.js';

/** The state the guard hands a strategy at the start of a round trip. */
export const startState = (
  flow: SocialFlow,
  userId: string | null,
  next = '/next',
): RoundTripState => ({
  step: 'start',
  flow,
  userId,
  next,
});

/** The state the guard hands a strategy at a callback. */
export const callbackState = (flow: SocialFlow, userId: string | null): RoundTripState => ({
  step: 'callback',
  flow,
  userId,
});

/**
 * The round trips a session state store keeps under `key`, opened (the specs run it without a
 * cipher, so the sealed part is plain JSON).
 */
export function pendingIn(session: Record<string, unknown>, key: string): PendingRoundTrip[] {
  const stored = (session[key] ?? []) as StoredRoundTrip[];
  const codec = new RoundTripCodec(null);
  return stored.map((record) => codec.decode(record, '', 0)!);
}
