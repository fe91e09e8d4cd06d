import passportOAuth2 from 'passport-oauth2';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { InvalidProfileError } from '../social.exceptions.js';
import { fetchJsonProfile } from './json-profile.util.js';
import type { MappedProfile, OAuth2ProviderSpec } from './oauth2-provider-spec.js';
import { oauth2Options } from './oauth2-options.util.js';
import { optionalString, optionalUrl, requiredId } from './profile-fields.util.js';
import type { SocialStrategyClass } from './provider-definition.interface.js';

/**
 * The strategy class of a generic OAuth 2 provider: `SocialStrategy` over the provider's own
 * passport strategy, or over passport-oauth2's, which then reads `userProfileURL` as JSON.
 */
export async function oauth2StrategyFor(spec: OAuth2ProviderSpec): Promise<SocialStrategyClass> {
  const Base = spec.passportStrategy ? await spec.passportStrategy() : passportOAuth2.Strategy;

  class MappedOAuth2Strategy extends SocialStrategy(Base) {
    constructor(deps: SocialStrategyDeps) {
      const { config } = deps;
      const profileURL = config.endpoints.userProfileURL;
      super(
        {
          ...oauth2Options(config),
          scope: config.scope,
          ...(config.pkce ? { pkce: true } : {}),
          ...(profileURL ? { userProfileURL: profileURL } : {}),
          ...spec.strategyOptions,
        },
        deps,
      );
    }

    override toProfileValues(json: unknown, profile?: object) {
      let mapped: MappedProfile;
      try {
        mapped = spec.profile(json, (profile ?? {}) as { _json?: unknown });
      } catch (error) {
        throw new InvalidProfileError(
          `The profile mapping of ${spec.id} failed: ${(error as Error).name}`,
        );
      }
      return fromMapping(mapped);
    }
  }
  if (spec.passportStrategy) return MappedOAuth2Strategy as unknown as SocialStrategyClass;

  // passport-oauth2 itself reads no profile.
  class JsonProfileOAuth2Strategy extends MappedOAuth2Strategy {
    userProfile(accessToken: string, done: (err: unknown, profile?: object) => void): void {
      fetchJsonProfile(this, this.config.endpoints.userProfileURL, accessToken, done);
    }
  }
  return JsonProfileOAuth2Strategy as unknown as SocialStrategyClass;
}

/** A mapping's result as connection values: the id required, the rest checked like every provider's. */
function fromMapping(mapped: MappedProfile | null | undefined) {
  return {
    providerUserId: requiredId(mapped?.providerUserId),
    displayName: optionalString(mapped?.displayName),
    fullName: optionalString(mapped?.fullName),
    email: optionalString(mapped?.email),
    emailVerified: mapped?.emailVerified === true,
    profileUrl: optionalUrl(mapped?.profileUrl),
    imageUrl: optionalUrl(mapped?.imageUrl),
  };
}
