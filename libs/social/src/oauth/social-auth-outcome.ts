import type { RoundTripFailureReason, SocialAuthResult } from '../social.types.js';
import type { CompletedRoundTrip } from './round-trip-state.js';

/**
 * How one run of a provider's strategy ended, as `SocialAuthGuard` leaves it for the route
 * (read it with `@SocialAuth()`): the provider URL a start sends the browser to, the profile and
 * tokens of a completed round trip, or why the round trip failed.
 *
 * @publicApi
 */
export type SocialAuthOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'authenticated'; result: SocialAuthResult; roundTrip: CompletedRoundTrip }
  | { kind: 'failed'; reason: RoundTripFailureReason };

/** The outcome of a callback: a start's redirect is not one. */
export type SocialCallbackOutcome = Exclude<SocialAuthOutcome, { kind: 'redirect' }>;
