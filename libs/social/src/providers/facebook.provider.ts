import passportFacebook from 'passport-facebook';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { bearerApiClient, useAuthorizationHeader } from './bearer-api-client.util.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';

const GRAPH_VERSION = 'v21.0';

/** Facebook: OAuth 2 with the Graph API `/me` profile. */
export const facebookProvider: SocialProviderDefinition = {
  id: 'facebook',
  name: 'Facebook',
  protocol: 'oauth2',
  endpoints: {
    authorizationURL: `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`,
    tokenURL: `https://graph.facebook.com/${GRAPH_VERSION}/oauth/access_token`,
    userProfileURL: `https://graph.facebook.com/${GRAPH_VERSION}/me`,
    apiURL: `https://graph.facebook.com/${GRAPH_VERSION}`,
  },
  scope: ['email', 'public_profile'],

  createStrategy(config, { verify, store }) {
    return useAuthorizationHeader(
      new passportFacebook.Strategy(
        {
          clientID: config.key,
          clientSecret: config.secret,
          authorizationURL: config.endpoints.authorizationURL,
          tokenURL: config.endpoints.tokenURL,
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
          passReqToCallback: true,
          store,
        } as any,
        verify as any,
      ),
    );
  },

  toProfileValues(json) {
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
  },

  createApiClient: bearerApiClient,
};
