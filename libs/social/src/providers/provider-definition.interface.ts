import type { Strategy } from 'passport';
import type { SocialStrategyDeps, SocialStrategyInstance } from '../oauth/social.strategy.js';
import type {
  ClientAuthentication,
  ConnectionCredentials,
  ResolvedProviderConfig,
  SocialProviderEndpoints,
} from '../social.types.js';
import type { ApiClient } from './api-client.js';
import type { ApiClientContext } from './api-client-context.js';

/** A provider's strategy class: a `SocialStrategy(<its passport-* Strategy>)` subclass. @publicApi */
export type SocialStrategyClass = new (
  deps: SocialStrategyDeps,
) => SocialStrategyInstance & Strategy;

/**
 * One provider: its protocol, defaults, its passport strategy (which maps its profile to
 * connection values), and how to build an API client for a connection and revoke its grant.
 * Adding a provider is one file with one of these, and one line in the registry (or
 * `customProviders` in the options).
 *
 * @publicApi
 */
export interface SocialProviderDefinition {
  /** The id used in routes and options ("twitter"): lower case, digits, `_` and `-`. */
  id: string;
  /** Display name used in messages ("Connection established to Twitter"). */
  name: string;
  /** OAuth 1.0a (request token, then access token) or OAuth 2 (authorization code). */
  protocol: 'oauth1' | 'oauth2';
  /** Default endpoints; every one can be overridden in the provider's options. */
  endpoints: SocialProviderEndpoints & { apiURL: string };
  /** Default scopes. */
  scope: string[];
  /** The strategy sends a PKCE challenge: a callback whose round trip has no verifier is refused. */
  pkce?: boolean;
  /**
   * The authorization server's issuer (RFC 9207). When the callback carries `iss`, it must equal
   * this (or the provider's `issuer` option): the mix-up defence of RFC 9700 §4.4.
   */
  issuer?: string;
  /**
   * The authorization server puts `iss` on every callback (RFC 9207): with its issuer known, a
   * callback without one is refused (§2.4).
   */
  requireIss?: boolean;
  /**
   * OpenID Connect: each callback's ID token is validated against `endpoints.jwksURL`, with a
   * nonce per round trip. `issuerAliases`: other spellings of the built-in issuer in `iss`
   * (Google: "accounts.google.com").
   */
  openId?: { algorithms: string[]; issuerAliases?: string[] };
  /** How the client authenticates at the token endpoint. @default 'client_secret_post' */
  clientAuthentication?: ClientAuthentication;
  /** OAuth error codes that mean a refused code or refresh token besides `invalid_grant` (X: `invalid_request`). */
  grantRefusedErrors?: string[];
  /**
   * The same provider over another protocol, chosen with the provider's `protocol` option
   * (X's OAuth 2.0 beside OAuth 1.0a).
   */
  alternatives?: SocialProviderDefinition[];
  /**
   * Completes the resolved settings at boot, before the strategy is built (OpenID Connect
   * discovery). A rejection stops the boot: its message should say what to fix.
   */
  discover?(config: ResolvedProviderConfig): Promise<ResolvedProviderConfig>;
  /**
   * The passport strategy the module runs for this provider: a function giving its class, or a
   * promise of it (the built-in ones import their passport package only when enabled).
   */
  strategy: () => SocialStrategyClass | Promise<SocialStrategyClass>;
  /** The npm package `strategy` loads, named in the boot error when it is not installed. */
  package?: string;
  /**
   * Revokes a removed connection's grant at the provider (best effort: the connection is already
   * gone locally; a failure is only logged). Providers without a revocation endpoint omit it.
   */
  revoke?(config: ResolvedProviderConfig, connection: ConnectionCredentials): Promise<void>;
  /**
   * Builds an authenticated client for the provider's API (the provider's own library where one
   * exists: `TwitterApi`, `OAuth2Client`; an `ApiClient` otherwise). `context` ties it to the
   * connection's lifecycle: the module's refresher, and where to report a refused token.
   */
  createApiClient(
    config: ResolvedProviderConfig,
    connection: ConnectionCredentials,
    context?: ApiClientContext,
  ): ApiClient | object | Promise<object>;
}

/** An enabled provider: its definition and its resolved settings. */
export interface EnabledProvider {
  definition: SocialProviderDefinition;
  config: ResolvedProviderConfig;
}
