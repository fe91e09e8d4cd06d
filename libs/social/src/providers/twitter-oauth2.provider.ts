import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { revokeToken } from './revoke-token.util.js';
import { twitterApiClient } from './twitter-api.client.js';

/**
 * X's OAuth 2.0, the `twitter` provider with `protocol: 'oauth2'`: authorization code with PKCE
 * for a confidential client (HTTP Basic at the token endpoint), the v2 `users/me` profile,
 * refresh tokens with `offline.access`, revocation, and twitter-api-v2's user bearer client.
 */
export const twitterOAuth2Provider: SocialProviderDefinition = {
  id: 'twitter',
  name: 'Twitter',
  protocol: 'oauth2',
  endpoints: {
    authorizationURL: 'https://x.com/i/oauth2/authorize',
    tokenURL: 'https://api.x.com/2/oauth2/token',
    userProfileURL: 'https://api.x.com/2/users/me',
    revokeURL: 'https://api.x.com/2/oauth2/revoke',
    apiURL: 'https://api.x.com',
  },
  // offline.access: a refresh token, so a connection keeps working past the 2-hour access token.
  scope: ['tweet.read', 'users.read', 'offline.access'],
  pkce: true,
  clientAuthentication: 'client_secret_basic',
  // X refuses a bad code or refresh token with `invalid_request`, not `invalid_grant`.
  grantRefusedErrors: ['invalid_request'],
  package: 'passport-oauth2',
  strategy: async () => (await import('./twitter-oauth2.strategy.js')).TwitterOAuth2Strategy,
  revoke: revokeToken,
  createApiClient: twitterApiClient,
};
