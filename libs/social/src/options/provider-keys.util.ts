import type { SocialProviderDefinition } from '../providers/provider-definition.interface.js';
import { SocialOptionsError } from '../social.exceptions.js';
import type { SocialProviderOptions } from './social-options.interface.js';

type ProviderKey = keyof SocialProviderOptions;

/** Keys only OAuth 1.0a uses (Twitter): its credentials and its three endpoints. */
const OAUTH1_KEYS: readonly ProviderKey[] = [
  'consumerKey',
  'consumerSecret',
  'requestTokenURL',
  'accessTokenURL',
  'userAuthorizationURL',
];
/** Keys only OAuth 2 uses. */
const OAUTH2_KEYS: readonly ProviderKey[] = [
  'clientId',
  'clientSecret',
  'authorizationURL',
  'tokenURL',
  'scope',
  'issuer',
  'jwksURL',
  'clientAuthentication',
];
/** Keys every protocol takes. */
const COMMON_KEYS: readonly ProviderKey[] = [
  'name',
  'userProfileURL',
  'apiURL',
  'revokeURL',
  'type',
  'protocol',
];

/**
 * Refuses a key that the provider's protocol would ignore (`authorizationURL` on Twitter's
 * OAuth 1.0a, `consumerKey` on Google), naming the keys that do apply: an ignored endpoint
 * override silently leaves the app on the provider's real servers.
 */
export function assertKeysApply(
  id: string,
  definition: SocialProviderDefinition,
  options: SocialProviderOptions,
): void {
  const applying = applyingKeys(definition, options);
  for (const key of Object.keys(options) as ProviderKey[]) {
    if (options[key] === undefined || applying.has(key)) continue;
    throw new SocialOptionsError(
      `providers.${id}.${key} does not apply to ${id} (${describe(definition, options)}) and would be ignored` +
        `${hint(id, key, definition)}; the keys that apply are ${[...applying].join(', ')}`,
    );
  }
}

function applyingKeys(
  definition: SocialProviderDefinition,
  options: SocialProviderOptions,
): Set<ProviderKey> {
  const keys = new Set<ProviderKey>([
    ...(definition.protocol === 'oauth1' ? OAUTH1_KEYS : OAUTH2_KEYS),
    ...COMMON_KEYS,
  ]);
  // What only the generic OAuth 2 provider reads, and only Google.
  if (options.type === 'oauth2') keys.add('profile').add('pkce');
  if (definition.id === 'google' && options.type === undefined) keys.add('hostedDomain');
  // ID tokens are checked only where the provider is OpenID Connect.
  if (!definition.openId && !definition.discover && options.type !== 'oidc') keys.delete('jwksURL');
  return keys;
}

function describe(definition: SocialProviderDefinition, options: SocialProviderOptions): string {
  if (options.type === 'oidc') return 'OpenID Connect';
  if (options.type === 'oauth2') return "type 'oauth2'";
  return definition.protocol === 'oauth1' ? 'OAuth 1.0a' : 'OAuth 2';
}

/** The other protocol's name for the same thing. */
const COUNTERPARTS: Partial<Record<ProviderKey, ProviderKey>> = {
  clientId: 'consumerKey',
  clientSecret: 'consumerSecret',
  authorizationURL: 'userAuthorizationURL',
  tokenURL: 'accessTokenURL',
};
for (const [oauth2, oauth1] of Object.entries(COUNTERPARTS)) {
  COUNTERPARTS[oauth1 as ProviderKey] = oauth2 as ProviderKey;
}

function hint(id: string, key: ProviderKey, definition: SocialProviderDefinition): string {
  const counterpart = COUNTERPARTS[key];
  const use = counterpart ? `; use providers.${id}.${counterpart}` : '';
  const x =
    definition.protocol === 'oauth1' &&
    definition.alternatives?.some((d) => d.protocol === 'oauth2')
      ? ", or protocol: 'oauth2' for X's OAuth 2.0"
      : '';
  return counterpart || x ? `${use}${x}` : '';
}
