import type { OAuth2Client } from 'google-auth-library';
import { ConnectionNotActiveError } from '../social.exceptions.js';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClientContext } from './api-client-context.js';
import { importPeer } from './optional-peer.util.js';

/** As the module's refresher: renew a minute before expiry. */
const EAGER_REFRESH_MS = 60_000;

/**
 * The connection's `OAuth2Client` (google-auth-library, an optional peer) with its credentials
 * set and the provider's endpoints. It is given no refresh token, so it never refreshes on its
 * own: when its token is about to expire it asks the module's refresher (its `refreshHandler`),
 * which makes the one token call for the connection across instances and writes the new tokens
 * back encrypted (a rotated refresh token stored, one not renewed kept). A 401 from a call
 * through it marks the connection `needs_reauth`.
 */
export async function googleOAuth2Client(
  config: ResolvedProviderConfig,
  connection: ConnectionCredentials,
  context?: ApiClientContext,
): Promise<OAuth2Client> {
  const { OAuth2Client } = await importPeer(
    'google-auth-library',
    'getApi() for Google',
    () => import('google-auth-library'),
  );
  const { tokenURL, revokeURL, authorizationURL, jwksURL } = config.endpoints;
  const client = new OAuth2Client({
    clientId: config.key,
    clientSecret: config.secret,
    eagerRefreshThresholdMillis: EAGER_REFRESH_MS,
    endpoints: {
      ...(tokenURL ? { oauth2TokenUrl: tokenURL } : {}),
      ...(revokeURL ? { oauth2RevokeUrl: revokeURL } : {}),
      ...(authorizationURL ? { oauth2AuthBaseUrl: authorizationURL } : {}),
      ...(jwksURL ? { oauth2FederatedSignonJwkCertsUrl: jwksURL } : {}),
    },
  });
  client.setCredentials({
    access_token: connection.accessToken,
    token_type: 'Bearer',
    expiry_date: context?.expiresAt?.getTime() ?? null,
  });
  if (!context) return client;
  client.refreshHandler = async () => {
    const fresh = await context.refresh();
    if (!fresh) throw new ConnectionNotActiveError(config.id);
    return {
      access_token: fresh.accessToken,
      expiry_date: fresh.expiresAt?.getTime() ?? Date.now() + 3_600_000,
    };
  };
  client.transporter.interceptors.response.add({
    rejected: async (error) => {
      if (error.status === 401 || error.response?.status === 401) {
        await context.unauthorized(client.credentials.access_token ?? connection.accessToken);
      }
      throw error;
    },
  });
  return client;
}
