import passportTwitter from 'passport-twitter';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { HttpApiClient } from './http-api-client.js';
import { oauth1AuthorizationHeader } from './oauth1-signature.util.js';
import { field, optionalString, optionalUrl, requiredId } from './profile-fields.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';

/** Twitter's passport strategy: OAuth 1.0a, profile from v1.1 `verify_credentials`. @publicApi */
export class TwitterStrategy extends SocialStrategy(passportTwitter.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super(
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
      },
      deps,
    );
  }

  override toProfileValues(json: unknown) {
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
  }
}

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
  strategy: TwitterStrategy,

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
