import type {
  ResolvedProviderConfig,
  SocialProviderDefinition,
} from '../providers/provider-definition.interface.js';
import type { SocialAuthResult } from '../providers/social-profile.interface.js';

/** Turns what a strategy hands its verify callback into a `SocialAuthResult`. */
export function toAuthResult(
  definition: SocialProviderDefinition,
  config: ResolvedProviderConfig,
  token: string,
  secretOrRefresh: string | undefined,
  params: Record<string, unknown>,
  profile: { _json?: unknown },
): SocialAuthResult {
  definition.verifyProfile?.(profile._json, config);
  const { emailVerified, ...values } = definition.toProfileValues(profile._json);
  const oauth1 = config.protocol === 'oauth1';
  const expiresIn = Number(params?.expires_in);
  return {
    profile: { ...values, providerId: config.id, emailVerified: emailVerified === true },
    tokens: {
      accessToken: token,
      secret: oauth1 ? (secretOrRefresh ?? null) : null,
      refreshToken: oauth1 ? null : secretOrRefresh || null,
      expiresAt:
        Number.isFinite(expiresIn) && expiresIn > 0
          ? new Date(Date.now() + expiresIn * 1000)
          : null,
      scope: typeof params?.scope === 'string' ? params.scope : null,
    },
  };
}
