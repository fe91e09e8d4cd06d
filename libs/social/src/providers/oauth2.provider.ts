import { bearerApiClient } from './bearer-api-client.util.js';
import type { OAuth2ProviderSpec } from './oauth2-provider-spec.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { revokeToken } from './revoke-token.util.js';

/**
 * A provider definition for any OAuth 2 provider: its endpoints, scopes and a profile mapping,
 * run by passport-oauth2 (or the provider's own passport strategy), with state, PKCE, the
 * deadline and the callback checks of the built-in providers. Pass it in `customProviders`,
 * or configure one in the options with `type: 'oauth2'`.
 *
 * @example
 * oauth2Provider({
 *   id: 'github',
 *   name: 'GitHub',
 *   endpoints: { authorizationURL: 'https://github.com/login/oauth/authorize', tokenURL: '…' },
 *   passportStrategy: async () => (await import('passport-github2')).Strategy,
 *   package: 'passport-github2',
 *   profile: (json) => ({ providerUserId: json.id, displayName: json.login }),
 * })
 * @publicApi
 */
export function oauth2Provider(spec: OAuth2ProviderSpec): SocialProviderDefinition {
  const { endpoints } = spec;
  return {
    id: spec.id,
    name: spec.name ?? spec.id,
    protocol: 'oauth2',
    endpoints: {
      ...endpoints,
      apiURL: endpoints.apiURL ?? new URL(endpoints.userProfileURL ?? endpoints.tokenURL).origin,
    },
    scope: spec.scope ?? [],
    pkce: spec.pkce ?? true,
    clientAuthentication: spec.clientAuthentication,
    package: spec.package ?? 'passport-oauth2',
    // Loaded only when the provider is enabled: passport packages are optional peers.
    strategy: async () => (await import('./oauth2.strategy.js')).oauth2StrategyFor(spec),
    revoke: revokeToken,
    createApiClient: bearerApiClient,
  };
}
