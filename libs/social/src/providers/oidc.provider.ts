import { bearerApiClient } from './bearer-api-client.util.js';
import { discoverOpenIdProvider } from './oidc-discovery.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { revokeToken } from './revoke-token.util.js';

/** What names one OpenID Connect provider: `providers: { <id>: { type: 'oidc', issuer, … } }`. */
export interface OidcProviderSpec {
  /** The provider id used in routes and options ("keycloak"). */
  id: string;
  /** Display name used in messages and buttons. @default 'OpenID Connect' */
  name?: string;
  /** The issuer URL; its discovery document is read at boot. */
  issuer: string;
}

/**
 * A provider definition for any OpenID Connect provider, configured by its issuer alone:
 * endpoints, keys and client authentication come from discovery at boot; login, connect,
 * refresh and revoke (when the provider advertises a revocation endpoint) work as for the
 * built-in providers. Several instances live side by side under their own ids.
 *
 * @publicApi
 */
export function oidcProvider({
  id,
  name = 'OpenID Connect',
  issuer,
}: OidcProviderSpec): SocialProviderDefinition {
  return {
    id,
    name,
    protocol: 'oauth2',
    // Filled in by discovery; the API client's base defaults to the issuer.
    endpoints: { apiURL: issuer },
    scope: ['openid', 'profile', 'email'],
    pkce: true,
    issuer,
    package: 'passport-oauth2',
    discover: discoverOpenIdProvider,
    // Loaded only when a provider of this kind is enabled.
    strategy: async () => (await import('./oidc.strategy.js')).OidcStrategy,
    revoke: revokeToken,
    createApiClient: bearerApiClient,
  };
}
