import passportTwitter from 'passport-twitter';
import { HttpApiClient } from '../api/http-api-client.js';
import { oauth1AuthorizationHeader } from '../api/oauth1-signature.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { field, optionalString, optionalUrl, requiredId } from './profile-fields.util.js';
import { requireCallbackConfirmed } from './require-callback-confirmed.util.js';

/** Twitter / X: OAuth 1.0a ("Sign in with Twitter"), profile from v1.1 `verify_credentials`. */
export const twitterProvider: SocialProviderDefinition = {
  id: 'twitter',
  name: 'Twitter',
  protocol: 'oauth1',
  endpoints: {
    requestTokenURL: 'https://api.twitter.com/oauth/request_token',
    accessTokenURL: 'https://api.twitter.com/oauth/access_token',
    userAuthorizationURL: 'https://api.twitter.com/oauth/authenticate',
    userProfileURL: 'https://api.twitter.com/1.1/account/verify_credentials.json',
    apiURL: 'https://api.twitter.com',
  },
  scope: [],

  createStrategy(config, { verify, store }) {
    const strategy = new passportTwitter.Strategy(
      {
        consumerKey: config.key,
        consumerSecret: config.secret,
        requestTokenURL: config.endpoints.requestTokenURL,
        accessTokenURL: config.endpoints.accessTokenURL,
        userAuthorizationURL: config.endpoints.userAuthorizationURL,
        userProfileURL: config.endpoints.userProfileURL,
        // Twitter omits the address unless the app has the email permission; asking costs nothing.
        includeEmail: true,
        includeStatus: false,
        passReqToCallback: true,
        requestTokenStore: store,
      } as any,
      verify as any,
    );
    requireCallbackConfirmed((strategy as any)._oauth);
    return strategy;
  },

  toProfileValues(json) {
    const screenName = optionalString(field(json, 'screen_name'));
    return {
      // id_str: the numeric id overflows JavaScript numbers.
      providerUserId: requiredId(field(json, 'id_str') ?? field(json, 'id')),
      displayName: screenName ? `@${screenName}` : null,
      fullName: optionalString(field(json, 'name')),
      email: optionalString(field(json, 'email')),
      profileUrl: screenName ? `https://x.com/${encodeURIComponent(screenName)}` : null,
      imageUrl: optionalUrl(field(json, 'profile_image_url_https')),
    };
  },

  createApiClient(config, connection) {
    return new HttpApiClient(
      'twitter',
      config.apiURL,
      ({ method, url, headers, form }) =>
        headers.set(
          'authorization',
          oauth1AuthorizationHeader(
            method,
            url,
            {
              consumerKey: config.key,
              consumerSecret: config.secret,
              token: connection.accessToken,
              tokenSecret: connection.secret ?? '',
            },
            form,
          ),
        ),
      config.timeoutMs,
    );
  },
};
