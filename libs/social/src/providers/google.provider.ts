import { googleOAuth2Client } from './google-oauth2.client.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { revokeToken } from './revoke-token.util.js';

/**
 * Google: OpenID Connect with PKCE: the ID token validated (RS256 against Google's keys, iss,
 * aud, exp, nonce), the profile from its claims and the userinfo endpoint.
 */
export const googleProvider: SocialProviderDefinition = {
  id: 'google',
  name: 'Google',
  protocol: 'oauth2',
  endpoints: {
    authorizationURL: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenURL: 'https://oauth2.googleapis.com/token',
    userProfileURL: 'https://openidconnect.googleapis.com/v1/userinfo',
    apiURL: 'https://www.googleapis.com',
    revokeURL: 'https://oauth2.googleapis.com/revoke',
    jwksURL: 'https://www.googleapis.com/oauth2/v3/certs',
  },
  scope: ['openid', 'profile', 'email'],
  pkce: true,
  issuer: 'https://accounts.google.com',
  // Google's metadata: authorization_response_iss_parameter_supported.
  requireIss: true,
  // Google's ID tokens carry either spelling of its issuer.
  openId: { algorithms: ['RS256'], issuerAliases: ['accounts.google.com'] },
  package: 'passport-google-oauth20',
  // Loaded only when the provider is enabled: its passport package is an optional peer.
  strategy: async () => (await import('./google.strategy.js')).GoogleStrategy,

  // Google takes the token alone (no client authentication).
  revoke: (config, connection) => revokeToken(config, connection, { authenticate: false }),

  // google-auth-library's OAuth2Client, refreshed through the module's refresher.
  createApiClient: googleOAuth2Client,
};
