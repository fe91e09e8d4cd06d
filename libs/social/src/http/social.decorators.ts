import { createParamDecorator, type ExecutionContext, Param, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { SocialAuthOutcome } from '../oauth/social-auth-outcome.js';
import type { SocialFlow } from '../social.types.js';
import { EnabledProviderPipe } from './enabled-provider.pipe.js';

/** Where `SocialAuthGuard` leaves its outcome: AuthGuard's `property` option, as `req.user` for other strategies. */
export const SOCIAL_AUTH_PROPERTY = 'socialAuth';

/** Metadata key of `@SocialRoundTrip()`. */
export const SOCIAL_ROUND_TRIP = 'nestjs-social:round-trip';

/**
 * Marks a route as a provider round trip of this flow: `SocialAuthGuard` starts it on a POST and
 * completes it on the provider's GET callback. Without it a guarded route runs a login.
 *
 * @example
 * @Post('link/google')
 * @SocialRoundTrip('connect')
 * @UseGuards(SocialAuthGuard('google'))
 * @publicApi
 */
export const SocialRoundTrip = (flow: SocialFlow) => SetMetadata(SOCIAL_ROUND_TRIP, flow);

/**
 * The outcome `SocialAuthGuard` left for this request: the provider URL a start goes to, the
 * profile and tokens of a completed round trip, or why it failed.
 *
 * @example
 * callback(@SocialAuth() auth: SocialAuthOutcome) {}
 * @publicApi
 */
export const SocialAuth = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SocialAuthOutcome | undefined =>
    socialAuthOf(context.switchToHttp().getRequest<Request>()),
);

/** The enabled provider the route's `:provider` names (404 otherwise). @publicApi */
export const CurrentProvider = () => Param('provider', EnabledProviderPipe);

/** The outcome AuthGuard stored on the request, if any. */
export function socialAuthOf(req: Request): SocialAuthOutcome | undefined {
  return (req as Request & { [SOCIAL_AUTH_PROPERTY]?: SocialAuthOutcome })[SOCIAL_AUTH_PROPERTY];
}

/** Metadata key of `@ProviderInitiated()`. */
export const SOCIAL_PROVIDER_INITIATED = 'nestjs-social:provider-initiated';

/**
 * Marks a route the provider's servers call (Facebook's deauthorize and data-deletion
 * callbacks): a cross-site POST by design, authenticated by its signed request instead, so the
 * same-origin check does not apply to it (and only to it).
 */
export const ProviderInitiated = () => SetMetadata(SOCIAL_PROVIDER_INITIATED, true);
