import passportOAuth2 from 'passport-oauth2';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import type { SocialFlow } from '../social.types.js';
import { fetchJsonProfile } from './json-profile.util.js';
import { oauth2Options } from './oauth2-options.util.js';
import { openIdProfileValues } from './openid-profile.util.js';

/**
 * Any OpenID Connect provider, configured by its issuer: passport-oauth2's authorization code
 * flow with PKCE S256 on the discovered endpoints. The base validates the ID token (signature,
 * iss, aud, exp, nonce); the profile is its claims, with userinfo's when the provider has it.
 *
 * @publicApi
 */
export class OidcStrategy extends SocialStrategy(passportOAuth2.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super({ ...oauth2Options(config), scope: config.scope, pkce: true }, deps);
  }

  override authenticateOptions(flow: SocialFlow): Record<string, unknown> {
    // OIDC Core §11: a refresh token for a connection that acts later comes with `offline_access`,
    // which asks for consent; a reconnect forces the consent screen so a new grant is made.
    if (flow === 'login' || !this.config.openId?.offlineAccess) return {};
    const scope = [...new Set([...this.config.scope, 'offline_access'])];
    return flow === 'reconnect' ? { scope, prompt: 'consent' } : { scope };
  }

  override authorizationParams(options: { prompt?: unknown }): Record<string, unknown> {
    const params = super.authorizationParams(options);
    return typeof options.prompt === 'string' ? { ...params, prompt: options.prompt } : params;
  }

  /** Userinfo, when the provider has it; else the ID token's claims alone make the profile. */
  userProfile(accessToken: string, done: (err: unknown, profile?: object) => void): void {
    fetchJsonProfile(this, this.config.endpoints.userProfileURL, accessToken, done);
  }

  override toProfileValues(json: unknown) {
    return openIdProfileValues(json);
  }
}
