import passportGoogle from 'passport-google-oauth20';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { ProfileNotAllowedError } from '../social.exceptions.js';
import type { SocialFlow } from '../social.types.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';
import { oauth2Options } from './oauth2-options.util.js';

/** Google's passport strategy: OAuth 2 / OpenID Connect with PKCE, profile from userinfo. @publicApi */
export class GoogleStrategy extends SocialStrategy(passportGoogle.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super(
      {
        ...oauth2Options(config),
        userProfileURL: config.endpoints.userProfileURL,
        scope: config.scope,
        // RFC 9700 §2.1.1: PKCE S256 on top of state.
        pkce: true,
      },
      deps,
    );
  }

  override authenticateOptions(flow: SocialFlow): Record<string, unknown> {
    // `hd` only preselects the domain on Google's page; verifyProfile is the check.
    const hostedDomain = this.config.hostedDomain;
    const domain = hostedDomain ? { hostedDomain } : {};
    // A connection keeps acting for the user later: ask for a refresh token, and on reconnect
    // force the consent screen, since Google hands a refresh token out only on consent.
    if (flow === 'login') return domain;
    return flow === 'reconnect'
      ? { ...domain, accessType: 'offline', prompt: 'consent' }
      : { ...domain, accessType: 'offline' };
  }

  override verifyProfile(json: unknown): void {
    const hostedDomain = this.config.hostedDomain;
    if (hostedDomain && field(json, 'hd') !== hostedDomain) {
      throw new ProfileNotAllowedError(`The Google account is not in ${hostedDomain}`);
    }
  }

  override toProfileValues(json: unknown) {
    const name = optionalString(field(json, 'name'));
    return {
      providerUserId: requiredId(field(json, 'sub') ?? field(json, 'id')),
      displayName: name ?? optionalString(field(json, 'email')),
      fullName: name ?? joinNames(field(json, 'given_name'), field(json, 'family_name')),
      email: optionalString(field(json, 'email')),
      // Only a real boolean counts: a string "false" is truthy (CVE-2026-53516 in Better Auth).
      emailVerified: field(json, 'email_verified') === true,
      // The userinfo endpoint has no profile page since Google+ closed; OIDC `profile` if sent.
      profileUrl: optionalUrl(field(json, 'profile')),
      imageUrl: optionalUrl(field(json, 'picture')),
    };
  }
}
