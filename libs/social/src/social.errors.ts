/**
 * Stable codes of every failure the module answers with, in JSON bodies (`code`) and events.
 *
 * @publicApi
 */
export const SocialErrorCode = {
  /** The callback's state / request token is missing, unknown, expired, or from another flow. */
  StateInvalid: 'OAUTH_STATE_INVALID',
  /** The callback's parameters are malformed. */
  BadRequest: 'OAUTH_BAD_REQUEST',
  /** The user said no at the provider. */
  AccessDenied: 'OAUTH_ACCESS_DENIED',
  /** The provider refused the authorization code. */
  CodeRejected: 'OAUTH_CODE_REJECTED',
  /** The callback's `iss` is not the provider's issuer (RFC 9207 mix-up defence). */
  IssuerMismatch: 'OAUTH_ISSUER_MISMATCH',
  /** The provider account is outside the allowed domain (Google `hostedDomain`). */
  DomainNotAllowed: 'OAUTH_DOMAIN_NOT_ALLOWED',
  /** A route parameter is malformed. */
  BadParameter: 'BAD_PARAMETER',
  /** Removing it would leave the user no way to log in. */
  LastLoginMethod: 'LAST_LOGIN_METHOD',
  /** The provider failed or answered something unusable. */
  ProviderError: 'OAUTH_PROVIDER_ERROR',
  /** The provider did not answer in time. */
  ProviderTimeout: 'OAUTH_PROVIDER_TIMEOUT',
  /** The provider account is linked to another user. */
  AccountConflict: 'OAUTH_ACCOUNT_CONFLICT',
  /** A provider login found no user for the account. */
  AccountNotLinked: 'OAUTH_ACCOUNT_NOT_LINKED',
  /** The route needs a logged-in user. */
  AuthRequired: 'AUTH_REQUIRED',
  /** The route is for anonymous users (a provider login while logged in). */
  AlreadyAuthenticated: 'ALREADY_AUTHENTICATED',
  /** A state-changing request came from another site. */
  CsrfFailed: 'CSRF_FAILED',
  /** No such provider is configured. */
  ProviderNotFound: 'PROVIDER_NOT_FOUND',
  /** No such connection for this user. */
  ConnectionNotFound: 'CONNECTION_NOT_FOUND',
  /** The database or the session store failed. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
} as const;

/** One of `SocialErrorCode`'s values. @publicApi */
export type SocialErrorCode = (typeof SocialErrorCode)[keyof typeof SocialErrorCode];
