import type { SocialFlow } from '../social.types.js';

/**
 * What the guard hands the strategy through passport's `state` option: at the start, the round
 * trip to keep (flow, user, `next`); at the callback, what the round trip must have been started
 * for (the flow's callback route and, for a connect, the same user).
 */
export type RoundTripState =
  | { step: 'start'; flow: SocialFlow; userId: string | null; next: string }
  | { step: 'callback'; flow: SocialFlow; userId: string | null };

/** A round trip as it comes out of the store at its callback: nothing secret in it. */
export interface CompletedRoundTrip {
  flow: SocialFlow;
  userId: string | null;
  next: string;
}

/** Options the module passes to a social strategy's `authenticate()`. */
export interface SocialAuthenticateOptions {
  callbackURL: string;
  state: RoundTripState;
  [option: string]: unknown;
}
