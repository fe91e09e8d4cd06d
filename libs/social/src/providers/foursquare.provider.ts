import passportFoursquare from 'passport-foursquare';
import { HttpApiClient } from '../api/http-api-client.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';

/** foursquare's v2 API is versioned by date; every call carries `v`. */
const API_VERSION = '20240601';

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

  createStrategy(config, { verify, store }) {
    // No Authorization header here: the v2 API takes a user token only as `oauth_token` in the
    // query (the one documented exception to RFC 6750 §2.3 among our providers).
    return new passportFoursquare.Strategy(
      {
        clientID: config.key,
        clientSecret: config.secret,
        authorizationURL: config.endpoints.authorizationURL,
        tokenURL: config.endpoints.tokenURL,
        userProfileURL: config.endpoints.userProfileURL,
        apiVersion: API_VERSION,
        passReqToCallback: true,
        store,
      },
      verify,
    );
  },

  toProfileValues(json) {
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
  },

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
