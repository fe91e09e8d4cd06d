import {
  IdTokenRejectedError,
  InvalidProfileError,
  ProfileNotAllowedError,
  ProviderTimeoutError,
} from '../social.exceptions.js';
import type { ResolvedProviderConfig, RoundTripFailureReason } from '../social.types.js';
import { isRefusedGrant } from './refused-grant.util.js';

/**
 * Why a strategy raised an error. A refused code (`invalid_grant`) is the client's problem; a
 * deadline passed is a timeout; anything else from the provider is a provider error. Never a
 * bug of ours: those are rethrown before this is asked.
 */
export function mapStrategyError(
  error: unknown,
  config?: Pick<ResolvedProviderConfig, 'grantRefusedErrors'>,
): RoundTripFailureReason {
  if (error instanceof ProviderTimeoutError) return 'provider_timeout';
  if (error instanceof IdTokenRejectedError) return error.reason;
  if (error instanceof InvalidProfileError) return 'provider_error';
  // The account is fine but excluded here (Google hostedDomain): a refusal, not a failure.
  if (error instanceof ProfileNotAllowedError) return 'domain_not_allowed';
  const e = error as
    | { name?: string; code?: unknown; oauthError?: { statusCode?: number; data?: unknown } }
    | undefined;
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
    { name?: string; message?: string; oauthError?: { statusCode?: number } } | undefined;
  const status = e?.oauthError?.statusCode;
  // An ID token refusal says which check failed (jose's messages name the claim, never its value).
  const ours = error instanceof IdTokenRejectedError;
  const message =
    typeof e?.message === 'string' && (ours || /^Failed to [\w ]{1,60}$/.test(e.message))
      ? `: ${e.message}`
      : '';
  return `${e?.name ?? 'Error'}${message}${status ? ` (status ${status})` : ''}`;
}
