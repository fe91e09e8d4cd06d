import type { LoggerService } from '@nestjs/common';

/**
 * The providers the sandbox emulates; `oidc` is a generic OpenID Connect issuer (discovery,
 * JWKS with key rotation, RS256 ID tokens, userinfo, revocation), like a Keycloak or an Okta;
 * `github` is GitHub's OAuth app flow, for providers added as generic OAuth 2 (passport-github2).
 */
export type SandboxProviderId =
  'twitter' | 'facebook' | 'google' | 'foursquare' | 'oidc' | 'github';

/** Every provider id, in a fixed order. */
export const SANDBOX_PROVIDERS: readonly SandboxProviderId[] = [
  'twitter',
  'facebook',
  'google',
  'foursquare',
  'oidc',
  'github',
];

/** The providers whose ID tokens the sandbox signs with rotating RS256 keys. */
export type SandboxOpenIdProvider = 'google' | 'oidc';

/** The endpoints whose calls are counted and that can be given a fault. */
export type SandboxEndpoint = 'request_token' | 'token' | 'profile' | 'api' | 'jwks' | 'revoke';

/** Every endpoint kind, in a fixed order. */
export const SANDBOX_ENDPOINTS: readonly SandboxEndpoint[] = [
  'request_token',
  'token',
  'profile',
  'api',
  'jwks',
  'revoke',
];

/**
 * A registered application. For Twitter `clientId` is the consumer key and `clientSecret` the
 * consumer secret; `redirectUris` are the accepted `redirect_uri` / `oauth_callback` values
 * (exact match).
 */
export interface SandboxClient {
  provider: SandboxProviderId;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** A test user the consent page offers. The same person has the same key on every provider. */
export interface SandboxIdentity {
  /** Stable handle for tests and the consent form: 'alice', 'bob', 'carol'. */
  key: string;
  /** The provider's user id: Twitter id_str, Facebook id, Google sub, foursquare id. */
  id: string;
  /** Full display name. */
  name: string;
  givenName: string;
  familyName: string;
  middleName?: string;
  /** Twitter screen_name. */
  username?: string;
  /** Absent for carol on every provider. */
  email?: string;
  /** Google's boolean email_verified claim. */
  emailVerified?: boolean;
  /** Google's hosted (Workspace) domain, the `hd` claim. */
  hostedDomain?: string;
  gender?: string;
  locale?: string;
  location?: string;
  description?: string;
  /** Account creation time, ISO 8601. */
  createdAt: string;
}

/** The kinds of failure a fault injects. */
export type SandboxFaultKind =
  | 'delay'
  | 'status'
  | 'malformed'
  | 'body'
  | 'extra'
  | 'invalid_grant'
  | 'no_callback_confirmed'
  | 'no_access_token'
  | 'redirect_uri_mismatch'
  | IdTokenFaultKind;

/** Bad ID tokens an OpenID Connect token endpoint (Google, oidc) hands out on request. */
export type IdTokenFaultKind =
  | 'id_token_bad_signature'
  | 'id_token_wrong_issuer'
  | 'id_token_wrong_audience'
  | 'id_token_wrong_nonce'
  | 'id_token_expired'
  | 'id_token_missing';

/**
 * A failure injected into one provider endpoint:
 * - `delay`: wait `delayMs`, then answer normally;
 * - `status`: answer `status` (default 500) with the body `<html>error</html>`;
 * - `malformed`: answer 200 with the body `not json{`;
 * - `body`: answer 200 with `body` as JSON (a hostile or odd profile: no id, a numeric id...);
 * - `extra`: answer as usual, with the fields of `body` merged into the JSON answer (an absurd
 *   `expires_in`, a profile field full of NULs or 30 MB long);
 * - `invalid_grant`: the provider's invalid-grant error (on non-token endpoints: its invalid-token error);
 * - `no_access_token`: 200 `{}` (Twitter: `oauth_token_secret=x`);
 * - `no_callback_confirmed`: Twitter request_token answers without `oauth_callback_confirmed`;
 * - `redirect_uri_mismatch` (OAuth 2 `token`): the code is refused as when the token request's
 *   redirect_uri is not the authorization's, in the provider's own words (Google and foursquare
 *   `redirect_uri_mismatch`, Facebook Graph error 100/36008, X and OIDC `invalid_*` + description);
 * - `id_token_*` (Google and oidc `token`): the token response's ID token is signed by a key the
 *   JWKS does not hold, names another issuer or audience, carries another nonce, expired an
 *   hour ago, or is missing.
 *
 * One fault per provider and endpoint; setting another replaces it.
 */
export interface SandboxFault {
  provider: SandboxProviderId;
  endpoint: SandboxEndpoint;
  kind: SandboxFaultKind;
  delayMs?: number;
  status?: number;
  /** The JSON body of a `body` fault. */
  body?: unknown;
  /** How many requests the fault applies to; until cleared when absent. */
  times?: number;
}

/** Call counts per provider and endpoint. */
export type SandboxCallCounts = Record<SandboxProviderId, Record<SandboxEndpoint, number>>;

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Interface to bind, default `127.0.0.1`. `localhost` binds every loopback address
   * (127.0.0.1 and ::1) so browsers reach it whichever family they try first.
   */
  host?: string;
  /** Clients registered at start. */
  clients?: SandboxClient[];
  /** Lifetime of authorization codes. @default 60000 */
  codeTtlMs?: number;
  /**
   * Each refresh replaces the refresh token, and a refresh token used twice revokes its whole
   * grant (RFC 9700 §4.14.2 reuse detection), as many authorization servers do. @default false
   */
  rotateRefreshTokens?: boolean;
  /**
   * Nest logger. `false` silences it. Nest applies a logger process-wide (Logger.overrideLogger),
   * so leave it undefined to keep the host process's logging as it is.
   */
  logger?: false | LoggerService;
}

/** A started sandbox. */
export interface RunningSandbox {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43123`. */
  url: string;
  /** Adds a client, replacing any with the same provider and clientId. Throws on invalid input. */
  registerClient(client: SandboxClient): void;
  /** Arms a fault, replacing any on the same provider and endpoint. Throws on invalid input. */
  setFault(fault: SandboxFault): void;
  /**
   * Rotates a provider's ID-token signing key: a new key signs from now on, the previous one
   * stays in the JWKS (tokens already issued still verify), the one before it is retired.
   */
  rotateKeys(provider: SandboxOpenIdProvider): void;
  clearFaults(): void;
  /**
   * Every token the provider issued stops working, as when its users remove the app at the
   * provider (Twitter's connected apps, Facebook's business integrations, Google's third-party
   * access): API calls with them are refused in the provider's own shape (401, Graph error 190).
   */
  revokeAll(provider: SandboxProviderId): void;
  /**
   * Sends one of Facebook's server-to-server pings to `url` (the app's deauthorize or
   * data-deletion route): a form with a real `signed_request` for the identity's app-scoped id,
   * signed with that client's secret. Resolves to the app's answer.
   */
  facebookPing(ping: {
    clientId: string;
    identity: string;
    url: string;
  }): Promise<{ status: number; body: unknown }>;
  /** How many requests reached an endpoint, failed ones included. */
  calls(provider: SandboxProviderId, endpoint: SandboxEndpoint): number;
  resetCalls(): void;
  /** Stops listening, drops open connections and pending delays. */
  close(): Promise<void>;
}
