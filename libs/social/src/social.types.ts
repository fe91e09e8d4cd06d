/**
 * The value types every area of the module shares: the ground floor, importing nothing.
 */

/** The three OAuth round trips the module runs. @publicApi */
export type SocialFlow = 'login' | 'connect' | 'reconnect';

/** Login comes back to `/login/:provider`; connect and reconnect to `/connect/:provider`. */
export type SocialCallback = 'login' | 'connect';

/** The callback route a flow's round trip comes back to. */
export function callbackOf(flow: SocialFlow): SocialCallback {
  return flow === 'login' ? 'login' : 'connect';
}

/** Why a round trip with the provider failed, on login or connect. @publicApi */
export type RoundTripFailureReason =
  | 'access_denied'
  | 'state_invalid'
  | 'invalid_callback'
  | 'issuer_mismatch'
  | 'code_rejected'
  | 'domain_not_allowed'
  | 'provider_error'
  | 'provider_unavailable'
  | 'provider_timeout';

/** Profile values every provider maps its own response shape to (Flask-Social's connection values). @publicApi */
export interface ProfileValues {
  /** The provider's stable id of the account, always a string. */
  providerUserId: string;
  /** Handle or short name ("@jack", "Jane Doe"). */
  displayName: string | null;
  fullName: string | null;
  email: string | null;
  profileUrl: string | null;
  imageUrl: string | null;
}

/** Tokens a provider handed out; never leaves the server. @publicApi */
export interface ConnectionTokens {
  accessToken: string;
  /** OAuth 1.0a token secret. */
  secret: string | null;
  refreshToken: string | null;
  expiresAt: Date | null;
  scope: string | null;
}

/** What a provider API client or a revocation needs of a stored connection. @publicApi */
export type ConnectionCredentials = Pick<
  ConnectionTokens,
  'accessToken' | 'secret' | 'refreshToken'
>;

/** What a provider said about the user who completed an OAuth round trip. @publicApi */
export interface SocialProfile extends ProfileValues {
  providerId: string;
  /** True only when the provider asserts the email is verified (Google's boolean `email_verified`). */
  emailVerified: boolean;
}

/** A profile plus tokens: the outcome of a successful round trip, before anything is stored. @publicApi */
export interface SocialAuthResult {
  profile: SocialProfile;
  tokens: ConnectionTokens;
}

/** Endpoint overrides shared by every provider: point one at a sandbox, a proxy or a new API version. @publicApi */
export interface SocialProviderEndpoints {
  /** OAuth 2 authorization (consent) endpoint. */
  authorizationURL?: string;
  /** OAuth 2 token endpoint. */
  tokenURL?: string;
  /** Profile endpoint read after the token exchange (userinfo, Graph `/me`, `verify_credentials`...). */
  userProfileURL?: string;
  /** Base URL of the provider's REST API, used by the client `SocialService` hands out. */
  apiURL?: string;
  /** OAuth 1.0a temporary-credentials endpoint (Twitter). */
  requestTokenURL?: string;
  /** OAuth 1.0a token endpoint (Twitter). */
  accessTokenURL?: string;
  /** OAuth 1.0a resource-owner authorization endpoint (Twitter). */
  userAuthorizationURL?: string;
  /** Token revocation endpoint (RFC 7009), called when a connection is removed (Google). */
  revokeURL?: string;
}

/** Credentials and endpoints of one enabled provider, defaults merged in. @publicApi */
export interface ResolvedProviderConfig {
  id: string;
  name: string;
  protocol: 'oauth1' | 'oauth2';
  /** Client id (OAuth 2) or consumer key (OAuth 1.0a). */
  key: string;
  /** Client secret (OAuth 2) or consumer secret (OAuth 1.0a). */
  secret: string;
  scope: string[];
  endpoints: SocialProviderEndpoints;
  /** Base URL of the provider's REST API. */
  apiURL: string;
  /** Deadline of every call to the provider, in milliseconds. */
  timeoutMs: number;
  /** The strategy sends a PKCE challenge: a callback whose round trip has no verifier is refused. */
  pkce: boolean;
  /** Expected `iss` of callbacks (the option, else the definition's), if the provider has one. */
  issuer?: string;
  /** Google `hostedDomain`: the only `hd` claim accepted. */
  hostedDomain?: string;
}
