import { oauth2Provider } from '../providers/oauth2.provider.js';
import { oidcProvider } from '../providers/oidc.provider.js';
import type { SocialProviderDefinition } from '../providers/provider-definition.interface.js';
import { SocialOptionsError } from '../social.exceptions.js';
import type { SocialProviderOptions } from './social-options.interface.js';

/**
 * The definition a provider's options enable: one built from the options themselves
 * (`type: 'oidc'`, `type: 'oauth2'`), or the built-in or custom one with this id, over the
 * protocol the options ask for (X's OAuth 2.0). Null when the id names no provider.
 */
export function definitionFor(
  id: string,
  options: SocialProviderOptions,
  definitions: ReadonlyMap<string, SocialProviderDefinition>,
): SocialProviderDefinition | null {
  switch (options.type) {
    case undefined:
      return withProtocol(id, options, definitions.get(id));
    case 'oidc':
      if (typeof options.issuer !== 'string') {
        throw new SocialOptionsError(
          `providers.${id}.issuer is required with type 'oidc': the issuer URL, whose ` +
            '/.well-known/openid-configuration is read at boot',
        );
      }
      return oidcProvider({ id, name: options.name, issuer: options.issuer });
    case 'oauth2':
      return genericOAuth2(id, options);
    default:
      throw new SocialOptionsError(
        `providers.${id}.type must be 'oidc' or 'oauth2', got ${JSON.stringify(options.type)}`,
      );
  }
}

function withProtocol(
  id: string,
  options: SocialProviderOptions,
  definition: SocialProviderDefinition | undefined,
): SocialProviderDefinition | null {
  if (!definition || options.protocol === undefined || options.protocol === definition.protocol) {
    return definition ?? null;
  }
  const alternative = definition.alternatives?.find((d) => d.protocol === options.protocol);
  if (!alternative) {
    throw new SocialOptionsError(
      `providers.${id}.protocol: ${id} speaks ${[definition, ...(definition.alternatives ?? [])]
        .map((d) => `'${d.protocol}'`)
        .join(' or ')}, not ${JSON.stringify(options.protocol)}`,
    );
  }
  return alternative;
}

function genericOAuth2(id: string, options: SocialProviderOptions): SocialProviderDefinition {
  const missing = (['authorizationURL', 'tokenURL', 'userProfileURL'] as const).filter(
    (name) => options[name] === undefined,
  );
  if (missing.length > 0) {
    throw new SocialOptionsError(
      `providers.${id}.${missing[0]} is required with type 'oauth2' ` +
        '(authorizationURL, tokenURL and userProfileURL say where the provider is)',
    );
  }
  if (typeof options.profile !== 'function') {
    throw new SocialOptionsError(
      `providers.${id}.profile is required with type 'oauth2': a function mapping the profile ` +
        'JSON to { providerUserId, displayName, fullName, email, profileUrl, imageUrl }',
    );
  }
  return oauth2Provider({
    id,
    name: options.name,
    endpoints: {
      authorizationURL: options.authorizationURL!,
      tokenURL: options.tokenURL!,
      userProfileURL: options.userProfileURL,
    },
    scope: options.scope,
    profile: options.profile,
    pkce: options.pkce,
  });
}
