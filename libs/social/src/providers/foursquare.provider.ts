import { FoursquareClient } from './foursquare.client.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';

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
  package: 'passport-foursquare',
  // Loaded only when the provider is enabled: its passport package is an optional peer.
  strategy: async () => (await import('./foursquare.strategy.js')).FoursquareStrategy,

  createApiClient: (config, connection, context) =>
    new FoursquareClient(config, connection, context),
};
