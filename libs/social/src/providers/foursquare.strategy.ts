import passportFoursquare from 'passport-foursquare';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { FOURSQUARE_API_VERSION } from './foursquare.constants.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';
import { oauth2Options } from './oauth2-options.util.js';

/** foursquare's passport strategy: OAuth 2 with the v2 `users/self` profile. @publicApi */
export class FoursquareStrategy extends SocialStrategy(passportFoursquare.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super(
      {
        ...oauth2Options(config),
        userProfileURL: config.endpoints.userProfileURL,
        apiVersion: FOURSQUARE_API_VERSION,
      },
      deps,
    );
  }

  // The v2 API takes a user token only as `oauth_token` in the query (the one documented
  // exception to RFC 6750 §2.3 among our providers).
  override get profileTokenInHeader(): boolean {
    return false;
  }

  override toProfileValues(json: unknown) {
    const user = field(json, 'response', 'user');
    const id = requiredId(field(user, 'id'));
    const fullName = joinNames(field(user, 'firstName'), field(user, 'lastName'));
    const prefix = optionalString(field(user, 'photo', 'prefix'));
    const suffix = optionalString(field(user, 'photo', 'suffix'));
    return {
      providerUserId: id,
      displayName: fullName ?? optionalString(field(user, 'firstName')),
      fullName,
      email: optionalString(field(user, 'contact', 'email')),
      profileUrl:
        optionalUrl(field(user, 'canonicalUrl')) ??
        `https://foursquare.com/user/${encodeURIComponent(id)}`,
      // A foursquare photo URL is prefix + size + suffix ("original" is the full-size image).
      imageUrl: prefix && suffix ? optionalUrl(`${prefix}original${suffix}`) : null,
    };
  }
}
