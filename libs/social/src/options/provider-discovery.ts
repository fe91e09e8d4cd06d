import type { EnabledProvider } from '../providers/provider-definition.interface.js';
import { assertProductionTransport } from './production-transport.util.js';
import type { ResolvedSocialOptions } from './social-options.resolver.js';

/**
 * Completes the providers whose settings come from the provider itself (OpenID Connect
 * discovery), all at once, at boot; then holds what they discovered to the same TLS rule as
 * configured endpoints. Any failure stops the boot with the error that says what to fix.
 */
export async function discoverProviders(
  options: ResolvedSocialOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReadonlyMap<string, EnabledProvider>> {
  const discovered = await Promise.all(
    [...options.providers.values()].map(async (provider): Promise<EnabledProvider> => {
      const { definition, config } = provider;
      return definition.discover
        ? { definition, config: await definition.discover(config) }
        : provider;
    }),
  );
  assertProductionTransport(
    options.appUrl,
    discovered.map(({ config }) => ({ id: config.id, endpoints: config.endpoints })),
    env,
    options.allowInsecureHttp,
  );
  return new Map(discovered.map((provider) => [provider.config.id, provider]));
}
