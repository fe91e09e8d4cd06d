// Test helpers for the provider specs; never imported by library code (excluded from the build).
import { OAuthStateStore } from '../../oauth/oauth-state.store.js';
import type { SocialStrategyDeps } from '../../oauth/social.strategy.js';
import type { ResolvedProviderConfig } from '../../social.types.js';
import type { SocialProviderDefinition } from '../provider-definition.interface.js';

/** A provider's config as the resolver builds it from the definition's defaults, plus overrides. */
export function providerConfig(
  definition: SocialProviderDefinition,
  overrides: Partial<ResolvedProviderConfig> = {},
): ResolvedProviderConfig {
  return {
    id: definition.id,
    name: definition.name,
    protocol: definition.protocol,
    key: `${definition.id}-key`,
    secret: `${definition.id}-secret`,
    scope: definition.scope,
    endpoints: { ...definition.endpoints },
    apiURL: definition.endpoints.apiURL,
    timeoutMs: 5000,
    pkce: definition.pkce === true,
    issuer: definition.issuer,
    ...overrides,
  };
}

/** Profile mapping never starts a round trip: a store that fails the test if it is used. */
class UnusedStateStore extends OAuthStateStore {
  async save(): Promise<void> {
    throw new Error('the state store is not used by this test');
  }
  async take(): Promise<null> {
    throw new Error('the state store is not used by this test');
  }
}

/** What `new <Provider>Strategy(deps)` takes: the definition's config and an unused store. */
export function strategyDeps(
  definition: SocialProviderDefinition,
  overrides: Partial<ResolvedProviderConfig> = {},
): SocialStrategyDeps {
  return { config: providerConfig(definition, overrides), stateStore: new UnusedStateStore() };
}
