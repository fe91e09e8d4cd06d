import passportFoursquare from 'passport-foursquare';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { HttpApiClient } from './http-api-client.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';
import { oauth2Options } from './oauth2-options.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';

/** foursquare's v2 API is versioned by date; every call carries `v`. */
const API_VERSION = '20240601';

/** foursquare's passport strategy: OAuth 2 with the v2 `users/self` profile. @publicApi */
export class FoursquareStrategy extends SocialStrategy(passportFoursquare.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super(
      {
        ...oauth2Options(config),
        userProfileURL: config.endpoints.userProfileURL,
        apiVersion: API_VERSION,
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

/** foursquare: OAuth 2 with the v2 `users/self` profile. */
export const foursquareProvider: SocialProviderDefinition = {
  id: 'foursquare',
  name: 'foursquare',
  protocol: 'oauth2',
  endpoints: {
    authorizationURL: 'https://foursquare.com/oauth2/authenticate',
    tokenURL: 'https://foursquare.com/oauth2/access_token',
    userProfileURL: 'https://api.foursquare.com/v2/users/self',
    apiURL: 'https://api.foursquare.com/v2',
  },
  scope: [],
  strategy: FoursquareStrategy,

  createApiClient(config, connection) {
    return new HttpApiClient(
      'foursquare',
      config.apiURL,
      ({ url }) => {
        url.searchParams.set('oauth_token', connection.accessToken);
        url.searchParams.set('v', API_VERSION);
      },
      config.timeoutMs,
    );
  },
};
