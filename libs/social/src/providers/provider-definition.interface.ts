import type { Strategy } from 'passport';
import type { ApiClient } from '../api/api-client.js';
import type { Connection } from '../connections/connection.entity.js';
import type { SocialProviderEndpoints } from '../social-options.interface.js';
import type { ProfileValues } from './social-profile.interface.js';

/** The three OAuth round trips the module runs. */
export type SocialFlow = 'login' | 'connect' | 'reconnect';

/** Credentials and endpoints of one enabled provider, defaults merged in. */
export interface ResolvedProviderConfig extends Required<Pick<SocialProviderEndpoints, 'apiURL'>> {
  id: string;
  name: string;
  protocol: 'oauth1' | 'oauth2';
  /** Client id (OAuth 2) or consumer key (OAuth 1.0a). */
  key: string;
  /** Client secret (OAuth 2) or consumer secret (OAuth 1.0a). */
  secret: string;
  scope: string[];
  endpoints: SocialProviderEndpoints;
  timeoutMs: number;
  /** Expected `iss` of callbacks (the option, else the definition's), if the provider has one. */
  issuer?: string;
  /** Google `hostedDomain`: the only `hd` claim accepted. */
  hostedDomain?: string;
}

/** The callback passport calls with the provider's answer; the module turns it into a `SocialAuthResult`. */
export type StrategyVerify = (...args: any[]) => void;

/** Passport strategy settings the module decides, whatever the provider. */
export interface StrategyWiring {
  /** Verify callback (`passReqToCallback` style). */
  verify: StrategyVerify;
  /** Pending-flow store: OAuth 2 state store, or OAuth 1.0a request-token store. */
  store: object;
}

/**
 * One provider: its protocol, defaults, how to build its passport strategy, how its profile maps to
 * connection values, and how to build an API client for a connection. Adding a provider is one
 * file with one of these, and one line in the registry (or `customProviders` in the options).
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
  /** Builds the passport strategy. It must not keep anything in passport's global registry. */
  createStrategy(config: ResolvedProviderConfig, wiring: StrategyWiring): Strategy;
  /** Maps the provider's raw profile JSON (`profile._json`) to connection values. */
  toProfileValues(json: unknown): ProfileValues & { emailVerified?: boolean };
  /** Extra `authenticate()` options per flow (e.g. Google's `accessType`). */
  authenticateOptions?(flow: SocialFlow, config: ResolvedProviderConfig): Record<string, unknown>;
  /** Refuses a profile the app's settings exclude (Google `hostedDomain`): throw `ProfileNotAllowedError`. */
  verifyProfile?(json: unknown, config: ResolvedProviderConfig): void;
  /**
   * Revokes a removed connection's grant at the provider (best effort: the connection is already
   * gone locally; a failure is only logged). Providers without a revocation endpoint omit it.
   */
  revoke?(config: ResolvedProviderConfig, connection: Connection): Promise<void>;
  /** Builds an authenticated client for the provider's API. */
  createApiClient(config: ResolvedProviderConfig, connection: Connection): ApiClient;
}
