import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import { HttpApiClient } from './http-api-client.js';

/** An API client that sends the access token as `Authorization: Bearer` (RFC 6750 §2.1): a definition's `createApiClient` for most OAuth 2 providers. @publicApi */
export function bearerApiClient(config: ResolvedProviderConfig, connection: ConnectionCredentials) {
  return new HttpApiClient(
    config.id,
    config.apiURL,
    ({ headers }) => headers.set('authorization', `Bearer ${connection.accessToken}`),
    config.timeoutMs,
  );
}
