import type { ClientAuthentication, ProfileValues } from '../social.types.js';

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
