import type { JWTPayload } from 'jose';
import { IdTokenRejectedError } from '../social.exceptions.js';
import type { IdTokenVerifier } from './id-token.verifier.js';

type TokenCallback = (
  err: unknown,
  accessToken?: string,
  refreshToken?: string,
  results?: Record<string, unknown>,
) => void;
type ProfileCallback = (err: unknown, profile?: { _json?: unknown }) => void;

/** The passport-oauth2 internals the check reaches into on one run (passport's per-request copy). */
export interface OAuth2Run {
  _oauth2: { getOAuthAccessToken(code: string, params: object, callback: TokenCallback): void };
  _loadUserProfile(accessToken: string, done: ProfileCallback): void;
  error(err: unknown): void;
}

/**
 * Makes this run of an OpenID Connect strategy validate the token response's ID token before
 * it reads the profile, with the nonce of the round trip the callback took. The run's profile
 * is then the token's claims, with userinfo's on top when the strategy reads it (OIDC Core
 * §5.3.2: only when userinfo's `sub` is the token's).
 *
 * `validate()` runs on the strategy itself, not on this per-request copy, so the nonce cannot
 * reach it: the check happens here, on the run, and a refused token ends the run as an error.
 */
export function checkIdTokenOnThisRun(
  run: OAuth2Run,
  verifier: IdTokenVerifier,
  expectedNonce: () => string | undefined,
): void {
  const shared = run._oauth2;
  let claims: JWTPayload | undefined;
  const oauth2: OAuth2Run['_oauth2'] = Object.create(shared);
  oauth2.getOAuthAccessToken = (code, params, callback) =>
    shared.getOAuthAccessToken(code, params, (err, accessToken, refreshToken, results) => {
      if (err || !accessToken) return callback(err, accessToken, refreshToken, results);
      verifier.verify(results?.['id_token'], expectedNonce()).then(
        (verified) => {
          claims = verified;
          try {
            callback(null, accessToken, refreshToken, results);
          } catch (error) {
            run.error(error);
          }
        },
        (error: unknown) => run.error(error),
      );
    });
  run._oauth2 = oauth2;

  const loadProfile = run._loadUserProfile;
  run._loadUserProfile = (accessToken, done) =>
    loadProfile.call(run, accessToken, (err, profile) => {
      if (err || !claims) return done(err, profile);
      const userinfo = isObject(profile?._json) ? profile._json : {};
      if (userinfo['sub'] !== undefined && userinfo['sub'] !== claims.sub) {
        return done(
          new IdTokenRejectedError('id_token_invalid', 'the userinfo "sub" is not the ID token\'s'),
        );
      }
      done(null, { ...profile, _json: { ...claims, ...userinfo } });
    });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
