import { HttpApiClient } from '../api/http-api-client.js';
import type { Connection } from '../connections/connection.entity.js';
import type { ResolvedProviderConfig } from './provider-definition.interface.js';

/** An API client that sends the access token as `Authorization: Bearer` (RFC 6750 §2.1). */
export function bearerApiClient(config: ResolvedProviderConfig, connection: Connection) {
  return new HttpApiClient(
    config.id,
    config.apiURL,
    ({ headers }) => headers.set('authorization', `Bearer ${connection.accessToken}`),
    config.timeoutMs,
  );
}

/**
 * node-oauth puts the access token in the query of its GET requests unless told otherwise;
 * strict servers refuse that (RFC 6750 §2.3, OAuth 2.1) and URLs end up in logs.
 */
export function useAuthorizationHeader<T extends object>(strategy: T): T {
  (strategy as any)._oauth2.useAuthorizationHeaderforGET(true);
  return strategy;
}
