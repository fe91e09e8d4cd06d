import { twitterApiClient } from './twitter-api.client.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { twitterOAuth2Provider } from './twitter-oauth2.provider.js';
import { invalidateTwitterToken } from './twitter-revoke.util.js';

/**
 * Twitter / X: OAuth 1.0a ("Sign in with Twitter"), profile from v1.1 `verify_credentials`; or,
 * with `protocol: 'oauth2'`, X's OAuth 2.0 (`twitterOAuth2Provider`).
 */
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
    revokeURL: 'https://api.twitter.com/1.1/oauth/invalidate_token',
  },
  scope: [],
  alternatives: [twitterOAuth2Provider],
  package: 'passport-twitter',
  // Loaded only when the provider is enabled: its passport package is an optional peer.
  strategy: async () => (await import('./twitter.strategy.js')).TwitterStrategy,
  revoke: invalidateTwitterToken,

  // twitter-api-v2's TwitterApi, OAuth 1.0a user context.
  createApiClient: twitterApiClient,
};
