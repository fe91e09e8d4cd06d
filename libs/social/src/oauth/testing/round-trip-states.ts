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
