import type { Request } from 'express';
import passportFacebook from 'passport-facebook';
import { SocialStrategy, type SocialStrategyDeps } from '../oauth/social.strategy.js';
import type { SocialAuthResult } from '../social.types.js';
import { exchangeForLongLivedToken } from './facebook-token-exchange.util.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';
import { oauth2Options } from './oauth2-options.util.js';

/**
 * Facebook's passport strategy: OAuth 2 with the Graph API `/me` profile; the short-lived user
 * token of every login and connect is exchanged for a long-lived one before it is stored.
 *
 * @publicApi
 */
export class FacebookStrategy extends SocialStrategy(passportFacebook.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super(
      {
        ...oauth2Options(config),
        profileURL: config.endpoints.userProfileURL,
        // Graph field names ('displayName' is passport-facebook's alias of `name`).
        profileFields: [
          'id',
          'displayName',
          'first_name',
          'last_name',
          'email',
          'link',
          'picture.type(large)',
        ],
        // appsecret_proof: Graph calls are bound to our app secret.
        enableProof: true,
        scope: config.scope,
      },
      deps,
    );
  }

  override async validate(
    req: Request,
    token: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
    profile: { _json?: unknown },
  ): Promise<SocialAuthResult> {
    const result = await super.validate(req, token, refreshToken, params, profile);
    return { ...result, tokens: await exchangeForLongLivedToken(this.config, result.tokens) };
  }

  override toProfileValues(json: unknown) {
    const name = optionalString(field(json, 'name'));
    return {
      providerUserId: requiredId(field(json, 'id')),
      // Graph v2+ has no `username` (Flask-Social's display name, always None since): use the name.
      displayName: name,
      fullName: name ?? joinNames(field(json, 'first_name'), field(json, 'last_name')),
      email: optionalString(field(json, 'email')),
      profileUrl: optionalUrl(field(json, 'link')),
      imageUrl: optionalUrl(field(json, 'picture', 'data', 'url')),
    };
  }
}
