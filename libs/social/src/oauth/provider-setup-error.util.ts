import type { ProviderSetupFailureReason } from '../social.types.js';

/** What passport's errors carry: TokenError's OAuth code, FacebookTokenError's Graph code, InternalOAuthError's answer. */
interface StrategyErrorShape {
  name?: string;
  message?: string;
  code?: unknown;
  subcode?: unknown;
  oauthError?: { statusCode?: number; data?: unknown };
}

/** RFC 6749 §5.2 codes (and GitHub's own word) for client credentials the token endpoint refused. */
const CLIENT_REFUSED = new Set([
  'invalid_client',
  'unauthorized_client',
  'incorrect_client_credentials',
]);
/** An `error_description` that blames the redirect URI (OIDC servers answer `invalid_grant` + "Incorrect redirect_uri", X `invalid_request`). */
const REDIRECT_DESCRIPTION = /redirect[ _-]?ur[il]/i;
/** Twitter's error 415, in either of its envelopes: `<error code="415">` or `{"code":415}`. */
const TWITTER_CALLBACK_NOT_APPROVED = /code"?\s*[:=]\s*"?415\b|Callback URL not approved/;

/**
 * Whether a strategy error says the provider refused the app's own setup: its client
 * credentials, its callback URL (OAuth 1.0a) or its `redirect_uri`. Read from the error's
 * structured fields, and from the provider's answer only to classify it (never to log it).
 */
export function providerSetupFailure(error: unknown): ProviderSetupFailureReason | null {
  const e = error as StrategyErrorShape | undefined;
  if (!e || typeof e !== 'object') return null;
  if (e.name === 'FacebookTokenError') return facebookSetupFailure(e);
  const oauthCode = typeof e.code === 'string' ? e.code : oauthCodeOf(e.oauthError?.data);
  if (oauthCode !== undefined) {
    if (oauthCode === 'redirect_uri_mismatch') return 'redirect_uri_mismatch';
    if (CLIENT_REFUSED.has(oauthCode)) return 'client_rejected';
    const description = e.name === 'TokenError' ? e.message : descriptionOf(e.oauthError?.data);
    if (typeof description === 'string' && REDIRECT_DESCRIPTION.test(description)) {
      return 'redirect_uri_mismatch';
    }
    return null;
  }
  // OAuth 1.0a (passport-oauth1): the request token is where the consumer and its callback are checked.
  if (e.message === 'Failed to obtain request token') {
    const status = e.oauthError?.statusCode;
    const data = e.oauthError?.data;
    if (status === 403 && typeof data === 'string' && TWITTER_CALLBACK_NOT_APPROVED.test(data)) {
      return 'callback_not_approved';
    }
    if (status === 401) return 'client_rejected';
  }
  return null;
}

/**
 * Facebook's Graph errors: 1 "Error validating client secret.", 101 an unknown app id, 191 a
 * redirect URI outside the app's settings, 100 with subcode 36008 a `redirect_uri` other than
 * the dialog's.
 */
function facebookSetupFailure(e: StrategyErrorShape): ProviderSetupFailureReason | null {
  if (e.code === 101 || (e.code === 1 && /client secret/i.test(e.message ?? ''))) {
    return 'client_rejected';
  }
  if (e.code === 191 || (e.code === 100 && e.subcode === 36008)) return 'redirect_uri_mismatch';
  return null;
}

function parsed(data: unknown): { error?: unknown; error_description?: unknown } | undefined {
  if (typeof data !== 'string' || !data.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

function oauthCodeOf(data: unknown): string | undefined {
  const error = parsed(data)?.error;
  return typeof error === 'string' ? error : undefined;
}

function descriptionOf(data: unknown): unknown {
  return parsed(data)?.error_description;
}
