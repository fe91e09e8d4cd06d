import passportOAuth2 from 'passport-oauth2';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import { fetchJsonProfile } from './json-profile.util.js';
import { oauth2Options } from './oauth2-options.util.js';
import { field, optionalString, optionalUrl, requiredId } from './profile-fields.util.js';

/** The user fields asked of `users/me` beyond the default id, name and username. */
const USER_FIELDS = 'profile_image_url';

/**
 * X's OAuth 2.0 (authorization code with PKCE, confidential client), profile from the v2
 * `users/me` endpoint: `{ data: { id, name, username, profile_image_url } }`. @publicApi
 */
export class TwitterOAuth2Strategy extends SocialStrategy(passportOAuth2.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super({ ...oauth2Options(config), scope: config.scope, pkce: true }, deps);
  }

  userProfile(accessToken: string, done: (err: unknown, profile?: object) => void): void {
    const url = new URL(this.config.endpoints.userProfileURL!);
    url.searchParams.set('user.fields', USER_FIELDS);
    fetchJsonProfile(this, url.toString(), accessToken, done);
  }

  override toProfileValues(json: unknown) {
    const user = field(json, 'data');
    const username = optionalString(field(user, 'username'));
    return {
      // v2 ids are strings (they overflow JavaScript numbers); the same ids as OAuth 1.0a's id_str.
      providerUserId: requiredId(field(user, 'id')),
      displayName: username ? `@${username}` : null,
      fullName: optionalString(field(user, 'name')),
      // users/me gives no email without the separate `users.email` scope and field.
      email: null,
      profileUrl: username ? `https://x.com/${encodeURIComponent(username)}` : null,
      imageUrl: optionalUrl(field(user, 'profile_image_url')),
    };
  }
}
