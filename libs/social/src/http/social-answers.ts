import { Inject, Injectable } from '@nestjs/common';
import type { PublicConnection } from '../connections/connection-values.js';
import type { ConnectOutcome, DisconnectOutcome, LoginOutcome } from '../flows/flow-outcomes.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { SocialErrorCode } from '../social.exceptions.js';
import type { RoundTripFailureReason, SocialCallback } from '../social.types.js';
import type { FlashCategory } from './flash.util.js';
import { safeRedirectPath } from './redirect-target.util.js';
import { SocialMessages as M } from './social.messages.js';

/** What a route answers: a redirect with a flash message for browsers, JSON for API clients. */
export interface SocialAnswer {
  /** HTTP status of the JSON answer (browsers always get a redirect). */
  status: number;
  /** Where the browser goes next. */
  redirect: string;
  /** Set on failures. */
  code?: SocialErrorCode;
  /** The message: a flash for browsers when it has a category, and `message` in JSON. */
  message?: string;
  category?: FlashCategory;
  /** Extra JSON fields (never tokens). */
  data?: Record<string, unknown>;
}

interface AnswerRow {
  status: number;
  code?: SocialErrorCode;
  /** Flash category; none: the browser gets no flash message (the JSON still has the text). */
  category?: FlashCategory;
  message?: (name: string, callback: SocialCallback) => string;
}

const failure = (status: number, code: SocialErrorCode, message: AnswerRow['message']) =>
  ({ status, code, category: 'error', message }) as const;

const idToken = failure(403, SocialErrorCode.IdTokenInvalid, M.idTokenInvalid);

/**
 * Every outcome the module answers, in one table: status, error code, flash category and
 * message. Failure rows are keyed by the outcome's reason, which is also the reason of the
 * event the flow emitted. A new failure is one row here.
 */
const ANSWERS = {
  logged_in: { status: 200 },
  connected: { status: 201, category: 'success', message: M.connectEstablished },
  reconnected: { status: 200, category: 'info', message: M.connectRefreshed },
  already_connected: { status: 200, category: 'notice', message: M.connectAlreadyEstablished },
  removed_all: { status: 200, category: 'info', message: M.removedAll },
  removed_one: { status: 200, category: 'info', message: M.removedOne },
  // Round trips with the provider (login and connect).
  access_denied: failure(401, SocialErrorCode.AccessDenied, (name, callback) =>
    callback === 'login' ? M.loginDenied(name) : M.connectDenied(name),
  ),
  state_invalid: failure(403, SocialErrorCode.StateInvalid, M.stateInvalid),
  invalid_callback: failure(400, SocialErrorCode.BadRequest, M.badRequest),
  issuer_mismatch: failure(403, SocialErrorCode.IssuerMismatch, M.stateInvalid),
  code_rejected: failure(400, SocialErrorCode.CodeRejected, M.codeRejected),
  domain_not_allowed: failure(403, SocialErrorCode.DomainNotAllowed, M.domainNotAllowed),
  provider_error: failure(502, SocialErrorCode.ProviderError, M.providerError),
  provider_unavailable: failure(503, SocialErrorCode.ProviderError, M.providerError),
  provider_timeout: failure(504, SocialErrorCode.ProviderTimeout, M.providerTimeout),
  // The provider refused the app's registration: a setup mistake, not the provider's failure.
  client_rejected: failure(500, SocialErrorCode.ClientRejected, M.clientRejected),
  callback_not_approved: failure(500, SocialErrorCode.CallbackNotApproved, M.callbackNotApproved),
  redirect_uri_mismatch: failure(500, SocialErrorCode.RedirectUriMismatch, M.redirectUriMismatch),
  // OpenID Connect ID tokens (OIDC Core §3.1.3.7): refused, never a 500, nothing stored.
  id_token_invalid: idToken,
  id_token_signature_invalid: idToken,
  id_token_issuer_mismatch: idToken,
  id_token_audience_mismatch: idToken,
  id_token_expired: idToken,
  id_token_nonce_mismatch: idToken,
  // Login.
  no_connection: failure(401, SocialErrorCode.AccountNotLinked, M.loginNotAssociated),
  user_not_found: failure(401, SocialErrorCode.AccountNotLinked, M.loginNotAssociated),
  // Connect.
  linked_to_another_user: failure(409, SocialErrorCode.AccountConflict, M.linkedToAnotherUser),
  connection_gone: failure(409, SocialErrorCode.ConnectionNotFound, M.removeFailed),
  // Disconnect.
  not_found: failure(404, SocialErrorCode.ConnectionNotFound, M.removeFailed),
  last_login_method: failure(409, SocialErrorCode.LastLoginMethod, M.lastLoginMethod),
  bad_parameter: failure(400, SocialErrorCode.BadParameter, M.removeFailed),
  // Who may use a route.
  auth_required: {
    status: 401,
    code: SocialErrorCode.AuthRequired,
    category: 'info',
    message: M.loginRequired,
  },
  already_authenticated: {
    status: 409,
    code: SocialErrorCode.AlreadyAuthenticated,
    message: M.alreadyAuthenticated,
  },
  cross_site: { status: 403, code: SocialErrorCode.CsrfFailed, message: M.crossSite },
  // A round trip opened by a link: it starts with a POST form (see startNeedsPost).
  start_needs_post: failure(400, SocialErrorCode.StartNeedsPost, M.startNeedsPost),
  provider_not_found: {
    status: 404,
    code: SocialErrorCode.ProviderNotFound,
    message: M.providerNotFound,
  },
} satisfies Record<string, AnswerRow> & Record<RoundTripFailureReason, AnswerRow>;

/** Every answer kind of the table. */
export type SocialAnswerKind = keyof typeof ANSWERS;

/** Builds each flow's answer from its outcome, with the table above. */
@Injectable()
export class SocialAnswers {
  constructor(@Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions) {}

  /** One row of the table, for this provider (its display name) and callback route. */
  answer(
    kind: SocialAnswerKind,
    name: string,
    redirect: string,
    callback: SocialCallback = 'connect',
    data?: Record<string, unknown>,
  ): SocialAnswer {
    const row: AnswerRow = ANSWERS[kind];
    return {
      status: row.status,
      redirect,
      ...(row.code ? { code: row.code } : {}),
      ...(row.message ? { message: row.message(name, callback) } : {}),
      ...(row.category ? { category: row.category } : {}),
      ...(data ? { data } : {}),
    };
  }

  login(outcome: LoginOutcome, name: string): SocialAnswer {
    if (outcome.kind === 'logged_in') {
      const { userId, connection, next } = outcome;
      return this.answer('logged_in', name, next, 'login', { userId, connection });
    }
    if (outcome.signUp && this.options.signUpPage) {
      return this.answer(outcome.reason, name, this.options.signUpPage, 'login', { signUp: true });
    }
    return this.answer(outcome.reason, name, this.options.loginPage, 'login');
  }

  connect(outcome: ConnectOutcome, name: string): SocialAnswer {
    if (outcome.kind === 'failed') {
      return this.answer(outcome.reason, name, this.options.connectDenyRedirect);
    }
    return this.answer(outcome.kind, name, outcome.next, 'connect', {
      connection: outcome.connection satisfies PublicConnection,
    });
  }

  disconnect(outcome: DisconnectOutcome, name: string, next: string): SocialAnswer {
    return this.answer(outcome.kind === 'failed' ? outcome.reason : outcome.kind, name, next);
  }

  /**
   * A round trip that could not start: the provider is down or too slow, a malformed start, or
   * a GET link instead of the POST form (`start_needs_post`).
   */
  startFailed(
    reason: RoundTripFailureReason | 'start_needs_post',
    name: string,
    callback: SocialCallback,
  ): SocialAnswer {
    const redirect =
      callback === 'login' ? this.options.loginPage : this.options.connectDenyRedirect;
    return this.answer(reason, name, redirect, callback);
  }

  /** Where a route needing a user sends an anonymous one (Flask-Login's `unauthorized()`), back to `returnTo` after. */
  loginRequired(returnTo = ''): SocialAnswer {
    const page = this.options.loginPage;
    const next = safeRedirectPath(returnTo, '');
    const redirect = next ? `${page}?next=${encodeURIComponent(next)}` : page;
    return this.answer('auth_required', '', redirect);
  }

  /** A provider login started while logged in (Flask-Security's `anonymous_user_required`). */
  alreadyAuthenticated(): SocialAnswer {
    return this.answer('already_authenticated', '', this.options.loginRedirect);
  }
}
