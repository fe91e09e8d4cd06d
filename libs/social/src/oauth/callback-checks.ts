import type { Request } from 'express';
import type { ResolvedProviderConfig, RoundTripFailureReason } from '../social.types.js';
import type { CallbackParams } from './callback-params.util.js';
import { issuerMatches } from './issuer.util.js';
import type { RoundTrips } from './round-trips.js';

/**
 * Callbacks settled before any call to the provider: Twitter's `?denied=`, error redirects,
 * foreign issuers and malformed ones. Null when the callback goes on to the token exchange.
 * Where a round trip is named, it is spent whatever the outcome (RFC 9700 §4.2.4), and checked
 * first: an answer with a foreign state says nothing about our user.
 */
export async function settleCallbackEarly(
  req: Request,
  config: ResolvedProviderConfig,
  params: CallbackParams,
  roundTrips: RoundTrips,
): Promise<RoundTripFailureReason | null> {
  return config.protocol === 'oauth1'
    ? settleOAuth1(req, params, roundTrips)
    : settleOAuth2(req, config, params, roundTrips);
}

async function settleOAuth1(
  req: Request,
  params: CallbackParams,
  roundTrips: RoundTrips,
): Promise<RoundTripFailureReason | null> {
  if (params.denied !== undefined) {
    return (await roundTrips.take(req, params.denied)) ? 'access_denied' : 'state_invalid';
  }
  // Without oauth_token passport-oauth1 would start a new round trip from the callback URL.
  if (params.oauth_token === undefined) return 'invalid_callback';
  if (params.oauth_verifier === undefined) {
    // RFC 5849 §2.3: the verifier is required; the request token is spent either way.
    return (await roundTrips.take(req, params.oauth_token)) ? 'invalid_callback' : 'state_invalid';
  }
  return null;
}

async function settleOAuth2(
  req: Request,
  config: ResolvedProviderConfig,
  params: CallbackParams,
  roundTrips: RoundTrips,
): Promise<RoundTripFailureReason | null> {
  const hasError = params.error !== undefined || params.error_code !== undefined;
  // RFC 9207 §2.4: from a server known to send `iss` (Google, or an issuer whose metadata says
  // so), a callback without one is refused like a foreign one.
  const foreignIssuer =
    params.iss !== undefined ? !issuerMatches(params.iss, config) : config.requireIss === true;
  if (!hasError && params.code !== undefined && !foreignIssuer) return null;
  if (!(await roundTrips.take(req, params.state))) return 'state_invalid';
  // RFC 9207: an `iss` that is not our provider's means the answer came from another server.
  if (foreignIssuer) return 'issuer_mismatch';
  if (!hasError) return 'invalid_callback';
  if (params.error === 'access_denied') return 'access_denied';
  if (params.error === 'temporarily_unavailable') return 'provider_unavailable';
  // Facebook's error_code without `error` (e.g. 200 "Permissions error") is a refusal too.
  if (params.error === undefined && params.error_code === '200') return 'access_denied';
  return 'provider_error';
}
