import type { SandboxClient, SandboxFaultKind, SandboxProviderId } from '../sandbox.types.js';
import type { CodeGrant, OAuth2Grants } from './oauth2-grants.js';
import { verifyS256 } from './pkce.js';

/** Why a code was not exchanged. */
export type ExchangeFailure =
  | 'unknown_code'
  | 'replayed_code'
  | 'client_mismatch'
  | 'redirect_mismatch'
  | 'verifier_missing'
  | 'verifier_mismatch'
  | 'verifier_unexpected';

/** The outcome of {@link exchangeCode}. */
export type Exchange =
  { ok: true; grant: CodeGrant; grantId: string } | { ok: false; failure: ExchangeFailure };

/** The token-request parameters that bind a code. */
export interface ExchangeParams {
  code: string | undefined;
  redirectUri: string | undefined;
  codeVerifier?: string;
  /** The armed fault: `redirect_uri_mismatch` refuses the code as if its redirect_uri differed. */
  fault?: SandboxFaultKind;
}

/**
 * Redeems an authorization code for an authenticated client (RFC 6749 §4.1.3): single use, same
 * client, same redirect_uri, and PKCE S256 when the authorization request carried a challenge.
 */
export function exchangeCode(
  grants: OAuth2Grants,
  provider: SandboxProviderId,
  client: SandboxClient,
  params: ExchangeParams,
): Exchange {
  const redemption = grants.redeemCode(provider, params.code);
  if (redemption.status === 'unknown') return { ok: false, failure: 'unknown_code' };
  if (redemption.status === 'replayed') return { ok: false, failure: 'replayed_code' };
  const { grant, grantId } = redemption;
  if (grant.clientId !== client.clientId) return { ok: false, failure: 'client_mismatch' };
  if (grant.redirectUri !== params.redirectUri || params.fault === 'redirect_uri_mismatch') {
    return { ok: false, failure: 'redirect_mismatch' };
  }
  if (grant.codeChallenge !== undefined) {
    if (params.codeVerifier === undefined) return { ok: false, failure: 'verifier_missing' };
    if (!verifyS256(params.codeVerifier, grant.codeChallenge)) {
      return { ok: false, failure: 'verifier_mismatch' };
    }
  } else if (params.codeVerifier !== undefined) {
    // RFC 9700 §2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
    return { ok: false, failure: 'verifier_unexpected' };
  }
  return { ok: true, grant, grantId };
}
