import { OAuth, OAuth2 } from 'oauth';
import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { loginCallback, queryOf, testClient, useTestSandbox } from '../testing/sandbox.fixture.js';

// node-oauth 0.10 is the HTTP layer of passport-oauth1 and passport-oauth2: these tests prove the
// sandbox speaks exactly what it sends.

const env = useTestSandbox();

/** node-oauth's callback APIs as promises of their results. */
function call<T extends unknown[]>(
  run: (done: (err: unknown, ...results: unknown[]) => void) => void,
) {
  return new Promise<T>((resolve, reject) =>
    run((err, ...results) => (err ? reject(toError(err)) : resolve(results as T))),
  );
}

/** node-oauth reports HTTP errors as `{ statusCode, data }` objects. */
function toError(err: unknown): Error {
  return err instanceof Error ? err : Object.assign(new Error('oauth error'), err);
}

describe('node-oauth compatibility', () => {
  it('OAuth2 gets a Google token and, with the Authorization header, the profile', async () => {
    const urls = env.urls.google;
    const client = testClient('google');
    const oauth2 = new OAuth2(
      client.clientId,
      client.clientSecret,
      '',
      urls.authorizationURL,
      urls.tokenURL,
    );
    const authorizeUrl = oauth2.getAuthorizeUrl({
      response_type: 'code',
      redirect_uri: loginCallback('google'),
      scope: 'openid email profile',
      state: 'xyz',
    });
    const code = queryOf(await completeConsent(authorizeUrl, { identity: 'bob' })).get('code')!;
    const [accessToken, , params] = await call<[string, string, Record<string, unknown>]>((done) =>
      oauth2.getOAuthAccessToken(
        code,
        { grant_type: 'authorization_code', redirect_uri: loginCallback('google') },
        done,
      ),
    );
    expect(params.token_type).toBe('Bearer');

    // node-oauth's default puts the token in the query, which the sandbox refuses (SECURITY.md #59).
    const refused = await call<[string]>((done) =>
      oauth2.get(urls.userProfileURL, accessToken, done),
    ).catch((error: { statusCode?: number; data?: string }) => error);
    expect(refused).toMatchObject({ statusCode: 400 });

    oauth2.useAuthorizationHeaderforGET(true);
    const [body] = await call<[string]>((done) =>
      oauth2.get(urls.userProfileURL, accessToken, done),
    );
    expect(JSON.parse(body)).toMatchObject({
      sub: '110000000000000000002',
      email: 'bob@example.net',
      email_verified: false,
    });
  });

  it('OAuth completes the Twitter flow and calls the API', async () => {
    const urls = env.urls.twitter;
    const client = testClient('twitter');
    const oauth = new OAuth(
      urls.requestTokenURL,
      urls.accessTokenURL,
      client.clientId,
      client.clientSecret,
      '1.0',
      loginCallback('twitter'),
      'HMAC-SHA1',
    );
    const [requestToken, requestSecret, requestParams] = await call<
      [string, string, Record<string, string>]
    >((done) => oauth.getOAuthRequestToken(done));
    expect(requestParams.oauth_callback_confirmed).toBe('true');

    const location = await completeConsent(
      `${urls.userAuthorizationURL}?oauth_token=${requestToken}`,
    );
    const verifier = queryOf(location).get('oauth_verifier')!;
    const [token, secret, results] = await call<[string, string, Record<string, string>]>((done) =>
      oauth.getOAuthAccessToken(requestToken, requestSecret, verifier, done),
    );
    expect(results).toEqual({ user_id: '1000000001', screen_name: 'alice_sandbox' });

    const [profile] = await call<[string]>((done) =>
      oauth.get(`${urls.userProfileURL}?include_email=true`, token, secret, done),
    );
    expect(JSON.parse(profile)).toMatchObject({ id_str: '1000000001', email: 'alice@example.com' });

    // Form parameters (and node-oauth's extra escaping of !'()*) are part of the signature.
    const status = "It's (really) *signed*! ünïcødé & more";
    const [tweet] = await call<[string]>((done) =>
      oauth.post(
        `${urls.apiURL}/1.1/statuses/update.json`,
        token,
        secret,
        { status },
        undefined,
        done,
      ),
    );
    expect(JSON.parse(tweet).text).toBe(status);

    const [v2] = await call<[string]>((done) =>
      oauth.post(
        `${urls.apiURL}/2/tweets`,
        token,
        secret,
        JSON.stringify({ text: 'v2' }),
        'application/json',
        done,
      ),
    );
    expect(JSON.parse(v2).data.text).toBe('v2');
  });
});
