import {
  IdTokenRejectedError,
  InvalidProfileError,
  ProfileNotAllowedError,
  ProviderTimeoutError,
} from '../social.exceptions.js';
import type { ResolvedProviderConfig, RoundTripFailureReason } from '../social.types.js';
import { providerSetupFailure } from './provider-setup-error.util.js';
import { isRefusedGrant } from './refused-grant.util.js';

/**
 * Why a strategy raised an error. The app's registration refused (credentials, callback URL,
 * redirect_uri) is a setup failure; a refused code (`invalid_grant`) is the client's problem; a
 * deadline passed is a timeout; anything else from the provider is a provider error. Never a
 * bug of ours: those are rethrown before this is asked.
 */
export function mapStrategyError(
  error: unknown,
  config?: Pick<ResolvedProviderConfig, 'grantRefusedErrors'> &
    Partial<Pick<ResolvedProviderConfig, 'protocol'>>,
): RoundTripFailureReason {
  if (error instanceof ProviderTimeoutError) return 'provider_timeout';
  if (error instanceof IdTokenRejectedError) return error.reason;
  if (error instanceof InvalidProfileError) return 'provider_error';
  // The account is fine but excluded here (Google hostedDomain): a refusal, not a failure.
  if (error instanceof ProfileNotAllowedError) return 'domain_not_allowed';
  const setup = providerSetupFailure(error);
  if (setup) return setup;
  const e = error as
    | {
        name?: string;
        message?: string;
        code?: unknown;
        oauthError?: { statusCode?: number; data?: unknown };
      }
    | undefined;
  // OAuth 1.0a: the consumer passed at request_token, so a 401 at access_token refuses the
  // request token or its verifier (Twitter's error 32 or 89): the code's equivalent.
  if (
    config?.protocol === 'oauth1' &&
    e?.message === 'Failed to obtain access token' &&
    e.oauthError?.statusCode === 401
  ) {
    return 'code_rejected';
  }
  // passport-oauth2's TokenError carries the OAuth error code.
  if (isRefusedGrant(config, e?.code)) return 'code_rejected';
  // Facebook answers a used, expired or malformed code with Graph error 100 (OAuthException).
  if (e?.name === 'FacebookTokenError' && e.code === 100) return 'code_rejected';
  const data = e?.oauthError?.data;
  if (typeof data === 'string' && isRefusedGrant(config, /"error"\s*:\s*"(\w+)"/.exec(data)?.[1]))
    return 'code_rejected';
  return 'provider_error';
}

/**
 * A log line for a strategy error: the error's class and the provider's status. The message only
 * when it is passport's own ("Failed to obtain access token"): others carry the provider's
 * text (an `error_description`, a whole HTML error page) that can echo codes or tokens
 * (RFC 6749 §10.8), and `err.data` never.
 */
export function describeProviderError(error: unknown): string {
  const e = error as
    | {
        name?: string;
        message?: string;
        code?: unknown;
        subcode?: unknown;
        oauthError?: { statusCode?: number };
      }
    | undefined;
  const status = e?.oauthError?.statusCode;
  // An ID token refusal says which check failed (jose's messages name the claim, never its value).
  const ours = error instanceof IdTokenRejectedError;
  const message =
    typeof e?.message === 'string' && (ours || /^Failed to [\w ]{1,60}$/.test(e.message))
      ? `: ${e.message}`
      : '';
  return `${e?.name ?? 'Error'}${message}${errorCodeOf(e)}${status ? ` (status ${status})` : ''}`;
}

/** The OAuth error code (`invalid_client`) or Graph code of an error: a fixed vocabulary, safe to log. */
function errorCodeOf(e: { code?: unknown; subcode?: unknown } | undefined): string {
  if (typeof e?.code === 'string' && /^[a-z_]{1,40}$/.test(e.code)) return ` ${e.code}`;
  if (typeof e?.code === 'number' && Number.isInteger(e.code)) {
    const sub = typeof e.subcode === 'number' ? `/${e.subcode}` : '';
    return ` (error ${e.code}${sub})`;
  }
  return '';
}
