import passportTwitter from 'passport-twitter';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { field, optionalString, optionalUrl, requiredId } from './profile-fields.util.js';

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

  /**
   * passport-twitter turns an error answer into a bare `Error(message)`, dropping its status and
   * body; without a parse, passport-oauth1 keeps both on an InternalOAuthError, so a refused
   * consumer (401) and an unapproved callback (403, error 415) can be told apart.
   */
  parseErrorResponse(): undefined {
    return undefined;
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
