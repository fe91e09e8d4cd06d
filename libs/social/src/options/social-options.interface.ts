import type { Type } from '@nestjs/common';
import type { RedisStateClient } from '../oauth/redis-oauth-state.store.js';
import type { OAuth2ProfileMapping } from '../providers/oauth2-provider-spec.js';
import type { SocialProviderDefinition } from '../providers/provider-definition.interface.js';
import type { SocialUsers } from '../social-users.js';
import type { ClientAuthentication, SocialProviderEndpoints } from '../social.types.js';

/**
 * Credentials and settings of one provider. OAuth 1.0a providers take `consumerKey`/`consumerSecret`,
 * OAuth 2 ones `clientId`/`clientSecret`. Under an id of your own, `type: 'oidc'` enables any
 * OpenID Connect provider by its `issuer`, and `type: 'oauth2'` any OAuth 2 provider by its
 * endpoints, `scope` and `profile`.
 */
export interface SocialProviderOptions extends SocialProviderEndpoints {
  /**
   * `'oidc'`: an OpenID Connect provider, configured by `issuer` alone (discovery at boot).
   * `'oauth2'`: an OAuth 2 provider, configured by `authorizationURL`, `tokenURL`,
   * `userProfileURL`, `scope` and `profile`. @default unset: the built-in or custom provider with this id
   */
  type?: 'oidc' | 'oauth2';
  /** Twitter / X: `'oauth2'` for X's OAuth 2.0 (`clientId`/`clientSecret`) instead of OAuth 1.0a. @default 'oauth1' */
  protocol?: 'oauth1' | 'oauth2';
  /** `type: 'oauth2'`: maps the profile JSON to connection values (`providerUserId` required). */
  profile?: OAuth2ProfileMapping;
  /** `type: 'oauth2'`: send a PKCE S256 challenge. @default true */
  pkce?: boolean;
  /** How the client authenticates at the token endpoint. @default the provider's (OIDC: what discovery advertises, basic first) */
  clientAuthentication?: ClientAuthentication;
  /** OAuth 2 client id. */
  clientId?: string;
  /** OAuth 2 client secret. */
  clientSecret?: string;
  /** OAuth 1.0a consumer key (Twitter's "API key"). */
  consumerKey?: string;
  /** OAuth 1.0a consumer secret (Twitter's "API key secret"). */
  consumerSecret?: string;
  /** Scopes to request; replaces the provider's default list. */
  scope?: string[];
  /**
   * The provider's issuer: expected `iss` of its callbacks (RFC 9207) and ID tokens; for
   * `type: 'oidc'` the URL whose discovery document is read at boot (required).
   * @default the provider's real issuer (Google: https://accounts.google.com)
   */
  issuer?: string;
  /** Google only: accept only accounts of this Workspace domain (the `hd` claim, checked server-side). */
  hostedDomain?: string;
  /** Name shown in flash messages. @default the provider definition's name ("Twitter", "Google"...) */
  name?: string;
}

/** Options of `SocialModule.forRoot()` / the factory of `forRootAsync()`. Flask-Social's config key in brackets. */
export interface SocialModuleOptions {
  /** Providers to enable, by id. A provider not listed has no routes (404). */
  providers: Record<string, SocialProviderOptions | undefined>;
  /** Public base URL of the app, used to build callback URLs; never taken from the Host header. [SOCIAL_APP_URL] */
  appUrl: string;
  /** The app's implementation of the `SocialUsers` contract. */
  users: Type<SocialUsers>;
  /** Where a completed connect redirects when no `next` was given. [SOCIAL_CONNECT_ALLOW_REDIRECT] @default '/' */
  connectAllowRedirect?: string;
  /** Where a denied connect redirects. [SOCIAL_CONNECT_DENY_REDIRECT] @default '/' */
  connectDenyRedirect?: string;
  /** Where a provider login redirects when no `next` was given. @default '/' */
  loginRedirect?: string;
  /** Where a failed provider login, or a route that needs a user, sends the browser. @default '/login' */
  loginPage?: string;
  /**
   * Your sign-up page for people whose provider login found no account. When set, such a login
   * keeps the provider profile for 10 minutes and redirects here; the page reads it with
   * `SocialService.getPendingSignUp(req)` and finishes with `completeSignUp`. @default unset (back to `loginPage`)
   */
  signUpPage?: string;
  /** Leave flash messages for the next page. [SOCIAL_FLASH_MESSAGES] @default true */
  flashMessages?: boolean;
  /** Session key holding the `next` URL during a connect round trip. [SOCIAL_POST_OAUTH_CONNECT_SESSION_KEY] @default 'post_oauth_connect_url' */
  postOAuthConnectSessionKey?: string;
  /** Session key holding the `next` URL during a login round trip. [SOCIAL_POST_OAUTH_LOGIN_SESSION_KEY] @default 'post_oauth_login_url' */
  postOAuthLoginSessionKey?: string;
  /** Deadline for each call to a provider (token exchange, profile, API), in milliseconds. @default 10000 */
  providerTimeoutMs?: number;
  /** Extra provider definitions (see `SocialProviderDefinition`); enable them under `providers` by their id. */
  customProviders?: SocialProviderDefinition[];
  /**
   * Keyring that encrypts provider tokens at rest (AES-256-GCM): `'<kid>:<base64 of 32 random
   * bytes>'` entries, the current key first; the others only decrypt, until re-encryption has
   * moved every row to the current key. Required: boot fails without it. Set `false` to store
   * tokens in plaintext: only for tests and throwaway setups.
   *
   * Generate a key: `node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`.
   * From a comma-separated environment variable: `parseTokenKeys(process.env.SOCIAL_TOKEN_KEYS)`.
   * With your own `connectionRepository`, encrypting is its job (`TokenCipher` helps).
   */
  tokenEncryptionKeys: string[] | false;
  /**
   * With `NODE_ENV=production`, let plain http through to loopback hosts (localhost, 127.x,
   * [::1]): a production build tested or benchmarked on one machine. Production otherwise
   * refuses an http `appUrl` or provider endpoint at boot, and this never allows another host.
   * @default false
   */
  allowInsecureHttp?: boolean;
  /**
   * Redis for `stateStore: RedisOAuthStateStore` (the `ioredis` package): its URL
   * (`redis://…`, `rediss://…`), or `{ url, keyPrefix }`, or your own ioredis client (you close
   * it). The module's own client is closed on shutdown.
   */
  redis?:
    string | { url: string; keyPrefix?: string } | { client: RedisStateClient; keyPrefix?: string };
  /** How removed connections' grants are revoked at the provider (the durable queue's worker). */
  revocation?: RevocationOptions;
  /** The audit trail of connection changes (`social_connection_audit`). */
  audit?: AuditOptions;
}

/**
 * The revocation worker: every `intervalMs` it claims the due entries of the queue and revokes
 * them, retrying a failure after `baseDelayMs * 2^(attempts-1)` (at most `maxDelayMs`, with
 * jitter), giving up (logged, audited, `connection.revocation_failed`) after `maxAttempts`.
 * @publicApi
 */
export interface RevocationOptions {
  /** How often the worker looks at the queue; `0` runs no worker in this process. @default 30000 */
  intervalMs?: number;
  /** Attempts before giving up, the first one (at disconnect) included. @default 10 */
  maxAttempts?: number;
  /** The delay after the first failure. @default 30000 */
  baseDelayMs?: number;
  /** The longest delay between attempts. @default 21600000 (6 hours) */
  maxDelayMs?: number;
  /** Entries claimed per round. @default 20 */
  batchSize?: number;
}

/** @publicApi */
export interface AuditOptions {
  /** Audit entries (and data-deletion requests) older than this are pruned by the worker. @default 365 */
  retentionDays?: number;
}

/** `useClass` contract for `forRootAsync`. */
export interface SocialOptionsFactory {
  createSocialOptions(): SocialModuleOptions | Promise<SocialModuleOptions>;
}
