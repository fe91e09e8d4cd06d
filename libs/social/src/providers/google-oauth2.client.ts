import type { OAuth2Client } from 'google-auth-library';
import { ConnectionNotActiveError } from '../social.exceptions.js';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClientContext } from './api-client-context.js';
import { isAbsoluteUrl, joinApiUrl } from './api-url.util.js';
import { importPeer } from './optional-peer.util.js';

/** As the module's refresher: renew a minute before expiry. */
const EAGER_REFRESH_MS = 60_000;

/**
 * The connection's `OAuth2Client` (google-auth-library, an optional peer) with its credentials
 * set and the provider's endpoints. It is given no refresh token, so it never refreshes on its
 * own: when its token is about to expire it asks the module's refresher (its `refreshHandler`),
 * which makes the one token call for the connection across instances and writes the new tokens
 * back encrypted (a rotated refresh token stored, one not renewed kept). A 401 from a call
 * through it marks the connection `needs_reauth`. A relative `url` in `client.request()` is
 * called under the provider's `apiURL` (`client.request({ url: 'oauth2/v3/userinfo' })`), so
 * pointing Google at another server (the sandbox, a proxy) moves those calls too.
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
  underApiUrl(client, config.apiURL);
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

/** Makes `client.request()` resolve a relative `url` under `apiURL`; absolute ones go as given. */
function underApiUrl(client: OAuth2Client, apiURL: string): void {
  const request = client.request.bind(client) as (...args: unknown[]) => unknown;
  client.request = ((options: { url?: unknown }, ...rest: unknown[]) => {
    const { url } = options;
    const rebased =
      typeof url === 'string' && !isAbsoluteUrl(url)
        ? { ...options, url: joinApiUrl(apiURL, url) }
        : options;
    return request(rebased, ...rest);
  }) as OAuth2Client['request'];
}
