import passportOAuth2 from 'passport-oauth2';

/** node-oauth's GET, as passport-oauth2 strategies reach it (`this._oauth2`). */
interface OAuth2Getter {
  get(
    url: string,
    accessToken: string,
    callback: (err: unknown, body?: string | Buffer) => void,
  ): void;
}

/**
 * A strategy's `userProfile`: reads the JSON at `url` with the access token (in the
 * Authorization header: the base strategy sets `useAuthorizationHeaderforGET`) and hands passport
 * `{ _json }`, failing the way passport's own strategies do (an InternalOAuthError, or "Failed to
 * parse user profile"). Without a URL the profile is empty (OpenID Connect: the ID token's claims).
 */
export function fetchJsonProfile(
  strategy: object,
  url: string | undefined,
  accessToken: string,
  done: (err: unknown, profile?: { _json?: unknown }) => void,
): void {
  if (!url) return done(null, {});
  const oauth2 = (strategy as { _oauth2: OAuth2Getter })._oauth2;
  oauth2.get(url, accessToken, (err, body) => {
    if (err)
      return done(new passportOAuth2.InternalOAuthError('Failed to fetch user profile', err));
    let json: unknown;
    try {
      json = JSON.parse(String(body));
    } catch {
      return done(new Error('Failed to parse user profile'));
    }
    done(null, { _json: json });
  });
}
