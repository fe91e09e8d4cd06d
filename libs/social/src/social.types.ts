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
  | 'provider_timeout'
  | ProviderSetupFailureReason
  | IdTokenFailureReason;

/**
 * The provider refused the app's own registration, not the user or the code: the client
 * credentials (`client_rejected`: `invalid_client`, Twitter's 401 at request_token), the
 * callback URL (`callback_not_approved`: Twitter's error 415) or the `redirect_uri`
 * (`redirect_uri_mismatch`: Google's `redirect_uri_mismatch`, Facebook's error 191). A setup
 * mistake to fix at the provider's console or in the options, answered 500. @publicApi
 */
export type ProviderSetupFailureReason =
  'client_rejected' | 'callback_not_approved' | 'redirect_uri_mismatch';

/**
 * Why an OpenID Connect ID token was refused (OIDC Core §3.1.3.7): its signature, issuer,
 * audience (or `azp`), expiry or nonce, or anything else about it (missing, malformed, a
 * userinfo `sub` that is not the token's). @publicApi
 */
export type IdTokenFailureReason =
  | 'id_token_invalid'
  | 'id_token_signature_invalid'
  | 'id_token_issuer_mismatch'
  | 'id_token_audience_mismatch'
  | 'id_token_expired'
  | 'id_token_nonce_mismatch';

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
  /**
   * Where a removed connection's grant is revoked: RFC 7009 (Google, OpenID Connect, X OAuth 2.0),
   * Graph `DELETE /me/permissions` (Facebook), `POST /1.1/oauth/invalidate_token` (Twitter OAuth 1.0a).
   */
  revokeURL?: string;
  /** OpenID Connect: the JSON Web Key Set the ID tokens are signed with (Google, OIDC providers). */
  jwksURL?: string;
}

/** How the client authenticates at the token and revocation endpoints (RFC 6749 §2.3.1). @publicApi */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post';

/** How an OpenID Connect provider's ID tokens are checked. @publicApi */
export interface OpenIdSettings {
  /** Where the provider publishes its signing keys. */
  jwksURL: string;
  /** The JWS algorithms its ID tokens may be signed with (asymmetric ones only). */
  algorithms: string[];
  /**
   * The `iss` values accepted; empty when the endpoints were pointed elsewhere without an
   * `issuer` option (then the issuer must be on the authorization endpoint's origin).
   */
  issuers: string[];
  /** The provider advertises the `offline_access` scope (OIDC Core §11): connects ask for it. */
  offlineAccess: boolean;
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
  /** OpenID Connect: each callback's ID token is validated (signature, iss, aud, exp, nonce). */
  openId?: OpenIdSettings;
  /** How the client authenticates at the token endpoint. @default 'client_secret_post' */
  clientAuthentication?: ClientAuthentication;
  /** RFC 9207: the server always sends `iss` on callbacks (its metadata says so): one without is refused. */
  requireIss?: boolean;
  /** OAuth error codes with which the provider refuses a code or refresh token besides `invalid_grant` (X: `invalid_request`). */
  grantRefusedErrors?: string[];
}
