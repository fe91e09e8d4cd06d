import { HttpException } from '@nestjs/common';
import type { IdTokenFailureReason } from './social.types.js';

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
  /** The OpenID Connect ID token was refused: signature, issuer, audience, expiry or nonce. */
  IdTokenInvalid: 'OAUTH_ID_TOKEN_INVALID',
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
  // The app's own setup, refused by the provider or missing in the host app (answered 500).
  /** The provider refused the app's client credentials (`invalid_client`; OAuth 1.0a: 401 at request_token). */
  ClientRejected: 'OAUTH_CLIENT_REJECTED',
  /** The provider has not approved the callback URL (Twitter's error 415). */
  CallbackNotApproved: 'OAUTH_CALLBACK_NOT_APPROVED',
  /** The provider refused the `redirect_uri` (Google `redirect_uri_mismatch`, Facebook error 191). */
  RedirectUriMismatch: 'OAUTH_REDIRECT_URI_MISMATCH',
  /** The host app is missing something the module needs (the session middleware); the log says what. */
  SetupError: 'SOCIAL_SETUP_ERROR',
  /** A round trip was started with a GET (a link): it starts with a POST form. */
  StartNeedsPost: 'START_NEEDS_POST',
  // Issue 11: provider-initiated callbacks.
  /** A provider callback's `signed_request` is missing, malformed, or not signed with the app secret. */
  SignedRequestInvalid: 'SIGNED_REQUEST_INVALID',
  /** No data-deletion request has that confirmation code. */
  DataDeletionNotFound: 'DATA_DELETION_NOT_FOUND',
} as const;

/** One of `SocialErrorCode`'s values. @publicApi */
export type SocialErrorCode = (typeof SocialErrorCode)[keyof typeof SocialErrorCode];

/** The JSON body of every error the module answers with. @publicApi */
export interface SocialErrorBody {
  statusCode: number;
  ok: false;
  code: SocialErrorCode;
  message: string;
  /** Where a browser would have been sent. */
  redirect: string;
}

/**
 * An error answer of the module's routes and guards, with the one JSON body they all share.
 * Browsers on the module's own routes get a redirect with a flash message instead.
 *
 * @publicApi
 */
export class SocialHttpException extends HttpException {
  constructor(readonly body: SocialErrorBody) {
    super(body, body.statusCode);
  }
}

/**
 * A refusal a guard answers with before any flow runs (the route needs a user, or an anonymous
 * one): the module's routes answer it like any flow outcome (a redirect with a flash message
 * for browsers), other routes with the JSON body.
 *
 * @publicApi
 */
export class SocialRefusalException extends SocialHttpException {
  constructor(
    body: SocialErrorBody,
    /** The flash category browsers get the message with, if any. */
    readonly category?: 'info' | 'error',
  ) {
    super(body);
  }
}

/** The module's options are wrong; thrown at boot with what to fix. @publicApi */
export class SocialOptionsError extends Error {
  override readonly name = 'SocialOptionsError';
  constructor(problem: string) {
    super(`nestjs-social: ${problem}`);
  }
}

/** `SocialService.provider(id)` for a provider the options do not enable. @publicApi */
export class ProviderNotEnabledError extends Error {
  override readonly name = 'ProviderNotEnabledError';
  constructor(message: string) {
    super(`nestjs-social: ${message}`);
  }
}

/** There is no provider profile waiting for sign-up on this session (none, or expired). @publicApi */
export class NoPendingSignUpError extends Error {
  override readonly name = 'NoPendingSignUpError';
  constructor() {
    super('No provider sign-up is waiting on this session (it expires after 10 minutes)');
  }
}

/** Thrown by `createConnection` when (providerId, providerUserId) already exists. @publicApi */
export class ConnectionConflictError extends Error {
  override readonly name = 'ConnectionConflictError';
  constructor(
    readonly providerId: string,
    readonly providerUserId: string,
  ) {
    super(`A connection to ${providerId} account ${providerUserId} already exists`);
  }
}

/** `updateTokens` found no row: it was removed meanwhile. @publicApi */
export class ConnectionGoneError extends Error {
  override readonly name = 'ConnectionGoneError';
  constructor(readonly connectionId: string) {
    super(`Connection ${connectionId} was removed`);
  }
}

/** A provider answered with a profile the module cannot use (no id, wrong types). @publicApi */
export class InvalidProfileError extends Error {
  override readonly name = 'InvalidProfileError';
}

/** The account is valid but not allowed here (e.g. outside the Google Workspace domain). @publicApi */
export class ProfileNotAllowedError extends Error {
  override readonly name = 'ProfileNotAllowedError';
}

/**
 * An OpenID Connect ID token failed validation. `reason` is the event reason; the message says
 * which check failed and never holds the token.
 *
 * @publicApi
 */
export class IdTokenRejectedError extends Error {
  override readonly name = 'IdTokenRejectedError';
  constructor(
    readonly reason: IdTokenFailureReason,
    detail: string,
  ) {
    super(`ID token refused (${reason}): ${detail}`);
  }
}

/**
 * An OpenID Connect issuer could not be discovered at boot (unreachable, or its metadata is
 * unusable): the app does not start, and the message names the provider and the fix.
 *
 * @publicApi
 */
export class ProviderDiscoveryError extends Error {
  override readonly name = 'ProviderDiscoveryError';
  constructor(providerId: string, problem: string) {
    super(`nestjs-social: providers.${providerId}: ${problem}`);
  }
}

/** A provider did not answer within `providerTimeoutMs`. @publicApi */
export class ProviderTimeoutError extends Error {
  override readonly name = 'ProviderTimeoutError';
  constructor(providerId: string, timeoutMs: number) {
    super(`${providerId} did not answer within ${timeoutMs} ms`);
  }
}

/** A provider API answered with an error status. The body is kept for diagnosis, never the token. @publicApi */
export class ProviderApiError extends Error {
  override readonly name = 'ProviderApiError';
  constructor(
    readonly providerId: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${providerId} API answered ${status}`);
  }
}

/**
 * A stored token could not be decrypted: unknown key id, failed authentication (tampered, or
 * copied from another row, column or user), a truncated tag, or not an envelope at all. The
 * message says which, and never holds token material.
 *
 * @publicApi
 */
export class TokenDecryptError extends Error {
  override readonly name: string = 'TokenDecryptError';
  constructor(reason: string) {
    super(`Cannot decrypt a stored token: ${reason}`);
  }
}

/**
 * A stored token is encrypted under a key id this instance's `tokenEncryptionKeys` does not
 * have: a key rotation half rolled out (deploy the new key to every instance, decrypt-only,
 * before making it current), not tampering. Answered 503; the row is never flagged for it.
 *
 * @publicApi
 */
export class UnknownTokenKeyError extends TokenDecryptError {
  override readonly name = 'UnknownTokenKeyError';
  constructor(readonly keyId: string) {
    super(
      `unknown key id "${keyId}": add it to tokenEncryptionKeys (decrypt-only) on this instance`,
    );
  }
}

/** The session store failed to save; the module answers 503. @publicApi */
export class SessionStoreError extends Error {
  override readonly name = 'SessionStoreError';
  constructor(override readonly cause: unknown) {
    super('The session store could not save the session');
  }
}

// --- issue 11: the providers' own API clients ---

/**
 * `getApi()` needs an optional peer package that is not installed (twitter-api-v2 for Twitter,
 * google-auth-library for Google): the message names it and the command that installs it.
 *
 * @publicApi
 */
export class MissingPeerPackageError extends Error {
  override readonly name = 'MissingPeerPackageError';
  constructor(
    readonly packageName: string,
    purpose: string,
  ) {
    super(`nestjs-social: ${purpose} needs the package ${packageName}: npm install ${packageName}`);
  }
}

/**
 * A client handed out by `getApi()` needed a fresh token, and the connection can no longer get
 * one: it is `expired`, `needs_reauth` or `revoked` (its `status` says which). The user must
 * connect again.
 *
 * @publicApi
 */
export class ConnectionNotActiveError extends Error {
  override readonly name = 'ConnectionNotActiveError';
  constructor(readonly providerId: string) {
    super(`nestjs-social: the ${providerId} connection can no longer get a token: reconnect it`);
  }
}

/**
 * The host app lacks something the module needs, with the fix in the message: thrown at boot
 * (the `Connection` entity or its table, the users class), or at request time (no session
 * middleware: answered 500 `SOCIAL_SETUP_ERROR`, the fix logged once). @publicApi
 */
export class SocialSetupError extends Error {
  override readonly name = 'SocialSetupError';
  constructor(problem: string) {
    super(`nestjs-social: ${problem}`);
  }
}
