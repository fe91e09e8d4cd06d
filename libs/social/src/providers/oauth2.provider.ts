import type { ClientAuthentication, ProfileValues } from '../social.types.js';
import { bearerApiClient } from './bearer-api-client.util.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { revokeToken } from './revoke-token.util.js';

/** What a profile mapping returns: `providerUserId` is required, the rest optional. @publicApi */
export type MappedProfile = { providerUserId: string | number } & Partial<
  Omit<ProfileValues, 'providerUserId'>
> & {
    /** True only when the provider asserts the email is verified. */
    emailVerified?: boolean;
  };

/**
 * Maps a provider's profile JSON (passport's `profile._json`) to connection values. `profile`
 * is the whole passport profile (passport-github2 puts the emails beside `_json`). @publicApi
 */
export type OAuth2ProfileMapping = (
  json: any,
  profile: { _json?: unknown; [field: string]: unknown },
) => MappedProfile;

/** A passport strategy class built on passport-oauth2 (passport-github2, passport-gitlab2…). @publicApi */
export type PassportOAuth2StrategyClass = new (options: any, verify: any) => object;

/** Everything a generic OAuth 2 provider is made of. @publicApi */
export interface OAuth2ProviderSpec {
  /** The provider id used in routes and options ("github"). */
  id: string;
  /** Display name used in messages and buttons. @default the id */
  name?: string;
  endpoints: {
    authorizationURL: string;
    tokenURL: string;
    /** Read with the access token after the exchange (JSON); a `passportStrategy` may read its own. */
    userProfileURL?: string;
    /** Base URL of the API client `getApi()` returns. @default the profile (else token) endpoint's origin */
    apiURL?: string;
    /** RFC 7009 revocation endpoint, called when a connection is removed. */
    revokeURL?: string;
  };
  /** Default scopes. @default [] */
  scope?: string[];
  /** Maps the profile JSON to connection values. */
  profile: OAuth2ProfileMapping;
  /** Send a PKCE S256 challenge (servers that do not know PKCE ignore it, RFC 6749 §3.1). @default true */
  pkce?: boolean;
  /** How the client authenticates at the token endpoint. @default 'client_secret_post' */
  clientAuthentication?: ClientAuthentication;
  /**
   * The passport strategy to run, when the provider has one (`passport-github2`); loaded only
   * when the provider is enabled. @default passport-oauth2's Strategy, reading `userProfileURL`
   */
  passportStrategy?: () => PassportOAuth2StrategyClass | Promise<PassportOAuth2StrategyClass>;
  /** The npm package `passportStrategy` loads, named in the boot error when it is missing. */
  package?: string;
  /** More options for the passport strategy (passport-github2's `allRawEmails`). */
  strategyOptions?: Record<string, unknown>;
}

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
