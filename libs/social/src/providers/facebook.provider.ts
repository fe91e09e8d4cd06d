import { FacebookGraphClient } from './facebook-graph.client.js';
import { revokeFacebookPermissions } from './facebook-revoke.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';

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
    revokeURL: `https://graph.facebook.com/${GRAPH_VERSION}/me/permissions`,
  },
  scope: ['email', 'public_profile'],
  package: 'passport-facebook',
  // Loaded only when the provider is enabled: its passport package is an optional peer.
  strategy: async () => (await import('./facebook.strategy.js')).FacebookStrategy,
  revoke: revokeFacebookPermissions,
  createApiClient: (config, connection, context) =>
    new FacebookGraphClient(config, connection, context),
};
