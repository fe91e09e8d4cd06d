import type { ProfileValues, ResolvedProviderConfig, SocialAuthResult } from '../social.types.js';
import { expiryFromNow } from './token-expiry.util.js';

/** Turns what a strategy hands its verify callback, and the mapped profile, into a `SocialAuthResult`. */
export function toAuthResult(
  config: ResolvedProviderConfig,
  { emailVerified, ...values }: ProfileValues & { emailVerified?: boolean },
  token: string,
  secretOrRefresh: string | undefined,
  params: Record<string, unknown> | undefined,
): SocialAuthResult {
  const oauth1 = config.protocol === 'oauth1';
  return {
    profile: { ...values, providerId: config.id, emailVerified: emailVerified === true },
    tokens: {
      accessToken: token,
      secret: oauth1 ? (secretOrRefresh ?? null) : null,
      refreshToken: oauth1 ? null : secretOrRefresh || null,
      expiresAt: expiryFromNow(params?.expires_in),
      scope: typeof params?.scope === 'string' ? params.scope : null,
    },
  };
}
