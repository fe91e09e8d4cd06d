import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { IdTokenRejectedError, ProviderTimeoutError } from '../social.exceptions.js';
import type { OpenIdSettings, ResolvedProviderConfig } from '../social.types.js';
import { issuerMatches } from './issuer.util.js';

/** Clock skew allowed on `exp`, `iat` and `nbf` (OIDC Core §3.1.3.7 leaves the amount to the client). */
const CLOCK_TOLERANCE_S = 60;
/** The token response was just received: an ID token issued long before it is not this sign-in's. */
const MAX_TOKEN_AGE_S = 10 * 60;

/** The asymmetric JWS algorithms accepted for ID tokens (HS* would need the client secret as key). */
export const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/**
 * Validates the ID tokens of one OpenID Connect provider (OIDC Core §3.1.3.7) with jose: the
 * signature against the provider's JWKS (fetched on first use, fetched again when a token names
 * a key it does not hold: key rotation), `iss`, `aud` (and `azp` when there are several
 * audiences), `exp` and `iat` with a small skew, and the round trip's `nonce`.
 */
export class IdTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly openId: OpenIdSettings;

  constructor(private readonly config: ResolvedProviderConfig & { openId: OpenIdSettings }) {
    this.openId = config.openId;
    this.keys = createRemoteJWKSet(new URL(config.openId.jwksURL), {
      timeoutDuration: config.timeoutMs,
      // ID tokens come from the token endpoint over the back channel, never from the browser:
      // a key id the set does not hold means the provider rotated its keys, so look again at once.
      cooldownDuration: 0,
    });
  }

  /** The token's claims, or `IdTokenRejectedError` saying which check failed. */
  async verify(idToken: unknown, nonce: string | undefined): Promise<JWTPayload> {
    if (typeof idToken !== 'string' || idToken === '') {
      throw new IdTokenRejectedError('id_token_invalid', 'the token response has no id_token');
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(idToken, this.keys, {
        algorithms: this.openId.algorithms,
        audience: this.config.key,
        clockTolerance: CLOCK_TOLERANCE_S,
        maxTokenAge: MAX_TOKEN_AGE_S,
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
      }));
    } catch (error) {
      throw this.rejection(error);
    }
    if (!this.acceptsIssuer(claims.iss)) {
      throw new IdTokenRejectedError('id_token_issuer_mismatch', 'unexpected "iss" claim value');
    }
    // §3.1.3.7 (4, 5): with several audiences `azp` is required; when present it must be us.
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== this.config.key) {
      throw new IdTokenRejectedError('id_token_audience_mismatch', 'unexpected "azp" claim value');
    }
    // §3.1.3.7 (11): the nonce sent with this round trip, and no token without one.
    if (nonce !== undefined && !sameString(claims.nonce, nonce)) {
      throw new IdTokenRejectedError('id_token_nonce_mismatch', 'unexpected "nonce" claim value');
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw new IdTokenRejectedError('id_token_invalid', 'the "sub" claim is not a string');
    }
    return claims;
  }

  private acceptsIssuer(iss: unknown): boolean {
    if (typeof iss !== 'string') return false;
    const { issuers } = this.openId;
    return issuers.length > 0 ? issuers.includes(iss) : issuerMatches(iss, this.config);
  }

  /** jose's error as a refusal; a key set that cannot be read is the provider failing (502, 504). */
  private rejection(error: unknown): Error {
    if (error instanceof errors.JWKSTimeout) {
      return new ProviderTimeoutError(this.config.id, this.config.timeoutMs);
    }
    if (error instanceof errors.JWTExpired) {
      return new IdTokenRejectedError('id_token_expired', error.message);
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      const reason =
        error.claim === 'aud'
          ? 'id_token_audience_mismatch'
          : error.claim === 'iss'
            ? 'id_token_issuer_mismatch'
            : 'id_token_invalid';
      return new IdTokenRejectedError(reason, error.message);
    }
    if (
      error instanceof errors.JWSSignatureVerificationFailed ||
      error instanceof errors.JWKSNoMatchingKey ||
      error instanceof errors.JOSEAlgNotAllowed
    ) {
      return new IdTokenRejectedError('id_token_signature_invalid', error.message);
    }
    if (
      error instanceof errors.JWSInvalid ||
      error instanceof errors.JWTInvalid ||
      error instanceof errors.JOSENotSupported
    ) {
      return new IdTokenRejectedError('id_token_invalid', error.message);
    }
    return new Error(`could not read the signing keys of ${this.config.id}`, { cause: error });
  }
}

function sameString(value: unknown, expected: string): boolean {
  if (typeof value !== 'string') return false;
  const a = Buffer.from(value);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
