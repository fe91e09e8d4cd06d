import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { oauth1AuthorizationHeader, type OAuth1SignInput } from '../oauth1/oauth1-client.js';
import { loginCallback, queryOf, testClient, useTestSandbox } from '../testing/sandbox.fixture.js';

const client = testClient('twitter');
const consumer = { consumerKey: client.clientId, consumerSecret: client.clientSecret };

const env = useTestSandbox();

type SignedRequest = Omit<OAuth1SignInput, 'consumerKey' | 'consumerSecret'>;

/** Sends an OAuth 1.0a signed request; form params go in the body. */
function signed(request: SignedRequest, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = {
    authorization: oauth1AuthorizationHeader({ ...consumer, ...request }),
  };
  if (request.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  return fetch(request.url, {
    method: request.method,
    headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    body: request.form ? new URLSearchParams(request.form) : init.body,
    redirect: 'manual',
  });
}

async function requestToken(callback = loginCallback('twitter')) {
  const res = await signed({
    method: 'POST',
    url: env.urls.twitter.requestTokenURL,
    oauth: { oauth_callback: callback },
  });
  return tokenPair(res);
}

/** The consent page of a request token. */
const authorizeUrl = (requestToken: string) =>
  `${env.urls.twitter.userAuthorizationURL}?oauth_token=${requestToken}`;

/** Trades a request token and its verifier for an access token. */
const exchangeVerifier = (temp: { token: string; secret: string }, verifier: string) =>
  signed({
    method: 'POST',
    url: env.urls.twitter.accessTokenURL,
    token: temp.token,
    tokenSecret: temp.secret,
    oauth: { oauth_verifier: verifier },
  });

async function accessToken(identity = 'alice') {
  const temp = await requestToken();
  const location = await completeConsent(authorizeUrl(temp.token), { identity });
  return tokenPair(await exchangeVerifier(temp, queryOf(location).get('oauth_verifier')!));
}

/** The token and secret of a successful token response, with the whole form for the rest. */
async function tokenPair(res: Response) {
  expect(res.status).toBe(200);
  const body = new URLSearchParams(await res.text());
  return { token: body.get('oauth_token')!, secret: body.get('oauth_token_secret')!, body };
}

describe('Twitter OAuth 1.0a', () => {
  it('completes request token → consent → access token → verify_credentials → tweet', async () => {
    const temp = await requestToken();
    expect(temp.body.get('oauth_callback_confirmed')).toBe('true');

    const page = await fetch(authorizeUrl(temp.token));
    expect(await page.text()).toContain(
      '<title>Twitter sandbox — authorize sandbox-twitter-key</title>',
    );

    const location = await completeConsent(
      `${env.sandbox.url}/twitter/oauth/authorize?oauth_token=${temp.token}`,
    );
    expect(location.startsWith(`${loginCallback('twitter')}?`)).toBe(true);
    expect(queryOf(location).get('oauth_token')).toBe(temp.token);
    const verifier = queryOf(location).get('oauth_verifier')!;

    const exchange = await exchangeVerifier(temp, verifier);
    expect(exchange.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    const access = new URLSearchParams(await exchange.text());
    expect(access.get('user_id')).toBe('1000000001');
    expect(access.get('screen_name')).toBe('alice_sandbox');
    expect(access.get('oauth_token')).toMatch(/^1000000001-/);
    const token = access.get('oauth_token')!;
    const tokenSecret = access.get('oauth_token_secret')!;

    const profile = await signed({
      method: 'GET',
      url: `${env.urls.twitter.userProfileURL}?include_email=true&skip_status=true`,
      token,
      tokenSecret,
    });
    expect(profile.status).toBe(200);
    const user = await profile.json();
    expect(user).toMatchObject({
      id: 1000000001,
      id_str: '1000000001',
      name: 'Alice Anders',
      screen_name: 'alice_sandbox',
      email: 'alice@example.com',
      location: 'Lisbon, Portugal',
    });
    expect(user.created_at).toBe('Sun Mar 04 05:06:07 +0000 2012');
    expect(user.profile_image_url_https).toBe(
      `${env.sandbox.url}/__sandbox/avatars/twitter/alice.svg`,
    );

    const text = "Hello, world! It's (sandboxed) *tweet* ☃ & more";
    const update = await signed({
      method: 'POST',
      url: `${env.urls.twitter.apiURL}/1.1/statuses/update.json`,
      token,
      tokenSecret,
      form: { status: text },
    });
    expect(update.status).toBe(200);
    const tweet = await update.json();
    expect(tweet).toMatchObject({ text, user: { id_str: '1000000001' } });
    expect(tweet.id_str).toBe(String(tweet.id));

    const v2 = await signed(
      { method: 'POST', url: `${env.urls.twitter.apiURL}/2/tweets`, token, tokenSecret },
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'v2 hello' }),
      },
    );
    expect(v2.status).toBe(201);
    expect((await v2.json()).data).toMatchObject({ text: 'v2 hello', id: expect.any(String) });

    expect(env.sandbox.calls('twitter', 'request_token')).toBe(1);
    expect(env.sandbox.calls('twitter', 'token')).toBe(1);
    expect(env.sandbox.calls('twitter', 'profile')).toBe(1);
    expect(env.sandbox.calls('twitter', 'api')).toBe(2);
  });

  it('gives email only when asked and known (carol has none)', async () => {
    const alice = await accessToken('alice');
    const plain = await signed({
      method: 'GET',
      url: env.urls.twitter.userProfileURL,
      token: alice.token,
      tokenSecret: alice.secret,
    });
    expect(await plain.json()).not.toHaveProperty('email');

    const carol = await accessToken('carol');
    expect(carol.body.get('user_id')).toBe('1000000003');
    const profile = await signed({
      method: 'GET',
      url: `${env.urls.twitter.userProfileURL}?include_email=true`,
      token: carol.token,
      tokenSecret: carol.secret,
    });
    const user = await profile.json();
    expect(user.screen_name).toBe('carol_sandbox');
    expect(user).not.toHaveProperty('email');
  });

  it('sends a denial to the callback as ?denied=<token> and voids the token', async () => {
    const temp = await requestToken();
    const authorize = authorizeUrl(temp.token);
    const location = await completeConsent(authorize, { decision: 'deny' });
    expect(location).toBe(`${loginCallback('twitter')}?denied=${temp.token}`);
    expect((await fetch(authorize)).status).toBe(400);
  });

  it('refuses callbacks that are not registered, and oob', async () => {
    for (const callback of [
      'http://localhost:3000/login/twitter/',
      'http://evil.test/login/twitter',
      'oob',
    ]) {
      const res = await signed({
        method: 'POST',
        url: env.urls.twitter.requestTokenURL,
        oauth: { oauth_callback: callback },
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<error code="415">Callback URL not approved');
    }
    const missing = await signed({ method: 'POST', url: env.urls.twitter.requestTokenURL });
    expect(missing.status).toBe(403);
  });

  it('answers bad credentials, signatures, timestamps and nonces like Twitter', async () => {
    const url = env.urls.twitter.requestTokenURL;
    const callback = { oauth_callback: loginCallback('twitter') };
    const expectError = async (res: Response, status: number, code: number) => {
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ errors: [{ code, message: expect.any(String) }] });
    };
    // The request-token header of the default client, with some signing inputs changed.
    const header = (changes: Partial<OAuth1SignInput> = {}) =>
      oauth1AuthorizationHeader({ ...consumer, method: 'POST', url, oauth: callback, ...changes });
    const post = (authorization?: string) =>
      fetch(url, { method: 'POST', ...(authorization ? { headers: { authorization } } : {}) });

    await expectError(await post(header({ consumerSecret: 'nope' })), 401, 32);
    await expectError(await post(header({ consumerKey: 'unknown' })), 401, 32);

    const stale = Math.floor(Date.now() / 1000) - 301;
    await expectError(
      await signed({ method: 'POST', url, oauth: callback, timestamp: stale }),
      401,
      135,
    );

    const valid = header();
    expect((await post(valid)).status).toBe(200);
    // The exact same signed request again: a replayed nonce.
    await expectError(await post(valid), 401, 32);

    // Signed for another URL (the signature covers the base URI).
    await expectError(await post(header({ url: `${url}?x=1` })), 401, 32);

    await expectError(await post(), 400, 215);
    expect(env.sandbox.calls('twitter', 'request_token')).toBe(7);
  });

  it('makes request tokens single-use and checks the verifier', async () => {
    const temp = await requestToken();
    await completeConsent(authorizeUrl(temp.token));
    const exchange = (verifier: string) => exchangeVerifier(temp, verifier);
    const wrong = await exchange('not-the-verifier');
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).errors[0].code).toBe(32);
    // The token was used up by the failed attempt.
    const again = await exchange('whatever');
    expect(again.status).toBe(401);
    expect((await again.json()).errors[0].code).toBe(89);
  });

  it('rejects API calls with unknown tokens or the wrong token secret', async () => {
    const access = await accessToken();
    const unknown = await signed({
      method: 'GET',
      url: env.urls.twitter.userProfileURL,
      token: 'nope',
      tokenSecret: access.secret,
    });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).errors[0]).toEqual({
      code: 89,
      message: 'Invalid or expired token.',
    });
    const forged = await signed({
      method: 'GET',
      url: env.urls.twitter.userProfileURL,
      token: access.token,
      tokenSecret: 'forged',
    });
    expect(forged.status).toBe(401);
    expect((await forged.json()).errors[0]).toEqual({
      code: 32,
      message: 'Could not authenticate you.',
    });
  });

  it('applies faults: no_callback_confirmed, status (times), malformed, no_access_token', async () => {
    // Faults answer before the signature is checked, so a made-up token will do.
    const anyToken = (method: string, url: string) =>
      signed({ method, url, token: 'x', tokenSecret: 'y' });
    env.sandbox.setFault({
      provider: 'twitter',
      endpoint: 'request_token',
      kind: 'no_callback_confirmed',
      times: 1,
    });
    const unconfirmed = await requestToken();
    expect(unconfirmed.body.get('oauth_callback_confirmed')).toBeNull();
    expect(unconfirmed.token).toBeTruthy();
    expect((await requestToken()).body.get('oauth_callback_confirmed')).toBe('true');

    env.sandbox.setFault({
      provider: 'twitter',
      endpoint: 'token',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const failed = await anyToken('POST', env.urls.twitter.accessTokenURL);
    expect(failed.status).toBe(503);
    expect(await failed.text()).toBe('<html>error</html>');

    env.sandbox.setFault({ provider: 'twitter', endpoint: 'token', kind: 'no_access_token' });
    const empty = await anyToken('POST', env.urls.twitter.accessTokenURL);
    expect(await empty.text()).toBe('oauth_token_secret=x');

    env.sandbox.setFault({ provider: 'twitter', endpoint: 'profile', kind: 'malformed' });
    const malformed = await anyToken('GET', env.urls.twitter.userProfileURL);
    expect(malformed.status).toBe(200);
    expect(await malformed.text()).toBe('not json{');
    expect(env.sandbox.calls('twitter', 'token')).toBe(2);
  });
});
