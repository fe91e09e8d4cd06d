import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClientContext } from './api-client-context.js';
import { HttpApiClient } from './http-api-client.js';

/**
 * An API client that sends the access token as `Authorization: Bearer` (RFC 6750 §2.1): a
 * definition's `createApiClient` for most OAuth 2 providers. A 401 (RFC 6750 §3.1
 * `invalid_token`) marks the connection `needs_reauth`. @publicApi
 */
export function bearerApiClient(
  config: ResolvedProviderConfig,
  connection: ConnectionCredentials,
  context?: ApiClientContext,
) {
  return new HttpApiClient(
    config.id,
    config.apiURL,
    ({ headers }) => headers.set('authorization', `Bearer ${connection.accessToken}`),
    config.timeoutMs,
    (status) => (status === 401 ? context?.unauthorized(connection.accessToken) : undefined),
  );
}
