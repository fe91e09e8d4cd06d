import { InvalidProfileError, ProfileNotAllowedError } from '../providers/profile-fields.util.js';
import { SocialErrorCode } from '../social.errors.js';
import type { StrategyOutcome } from './strategy-outcome.js';

/**
 * Status and code for an error a strategy raised. A refused code (`invalid_grant`) is the
 * client's problem (400); anything else from the provider is a bad gateway (502). Never a 500:
 * these are the provider's failures, not ours.
 */
export function mapStrategyError(error: unknown): { status: number; code: SocialErrorCode } {
  if (error instanceof InvalidProfileError) {
    return { status: 502, code: SocialErrorCode.ProviderError };
  }
  // The account is fine but excluded here (Google hostedDomain): a refusal, not a failure.
  if (error instanceof ProfileNotAllowedError) {
    return { status: 403, code: SocialErrorCode.DomainNotAllowed };
  }
  const e = error as
    | { name?: string; code?: unknown; oauthError?: { statusCode?: number; data?: unknown } }
    | undefined;
  // passport-oauth2's TokenError carries the OAuth error code.
  if (e?.code === 'invalid_grant') return { status: 400, code: SocialErrorCode.CodeRejected };
  // Facebook answers a used, expired or malformed code with Graph error 100 (OAuthException).
  if (e?.name === 'FacebookTokenError' && e.code === 100) {
    return { status: 400, code: SocialErrorCode.CodeRejected };
  }
  const data = e?.oauthError?.data;
  if (typeof data === 'string' && /"error"\s*:\s*"invalid_grant"/.test(data)) {
    return { status: 400, code: SocialErrorCode.CodeRejected };
  }
  return { status: 502, code: SocialErrorCode.ProviderError };
}

/**
 * A log line for a failed run: the error's class and the provider's status. The message only
 * when it is passport's own ("Failed to obtain access token"): others carry the provider's
 * text (an `error_description`, a whole HTML error page) that can echo codes or tokens
 * (RFC 6749 §10.8), and `err.data` never.
 */
export function describeProviderError(outcome: StrategyOutcome): string {
  if (outcome.kind !== 'error') return outcome.kind;
  const error = outcome.error as
    { name?: string; message?: string; oauthError?: { statusCode?: number } } | undefined;
  const status = error?.oauthError?.statusCode;
  const message =
    typeof error?.message === 'string' && /^Failed to [\w ]{1,60}$/.test(error.message)
      ? `: ${error.message}`
      : '';
  return `${error?.name ?? 'Error'}${message}${status ? ` (status ${status})` : ''}`;
}
