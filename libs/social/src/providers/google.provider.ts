import { bearerApiClient } from './bearer-api-client.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';

/** Google: OAuth 2 / OpenID Connect with PKCE, profile from the OIDC userinfo endpoint. */
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
  },
  scope: ['openid', 'profile', 'email'],
  pkce: true,
  issuer: 'https://accounts.google.com',
  package: 'passport-google-oauth20',
  // Loaded only when the provider is enabled: its passport package is an optional peer.
  strategy: async () => (await import('./google.strategy.js')).GoogleStrategy,

  async revoke(config, connection) {
    // Revoking the refresh token ends the whole grant; the access token alone if there is none.
    const token = connection.refreshToken ?? connection.accessToken;
    const response = await fetch(config.endpoints.revokeURL!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!response.ok) throw new Error(`revocation answered ${response.status}`);
  },

  createApiClient: bearerApiClient,
};
