import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { oauth1AuthorizationHeader, type OAuth1SignInput } from '../oauth1/oauth1-client.js';
import { sandboxEndpoints } from '../sandbox.endpoints.js';
import type { RunningSandbox } from '../sandbox.types.js';
import {
  loginCallback,
  queryOf,
  startTestSandbox,
  testClient,
} from '../testing/sandbox.fixture.js';

const client = testClient('twitter');
const consumer = { consumerKey: client.clientId, consumerSecret: client.clientSecret };

let sandbox: RunningSandbox;
let urls: ReturnType<typeof sandboxEndpoints>['twitter'];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  urls = sandboxEndpoints(sandbox.url).twitter;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.clearFaults();
  sandbox.resetCalls();
});

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
    url: urls.requestTokenURL,
    oauth: { oauth_callback: callback },
  });
  expect(res.status).toBe(200);
  const body = new URLSearchParams(await res.text());
  return { token: body.get('oauth_token')!, secret: body.get('oauth_token_secret')!, body };
}

async function accessToken(identity = 'alice') {
  const temp = await requestToken();
  const location = await completeConsent(`${urls.userAuthorizationURL}?oauth_token=${temp.token}`, {
    identity,
  });
  const verifier = queryOf(location).get('oauth_verifier')!;
  const res = await signed({
    method: 'POST',
    url: urls.accessTokenURL,
    token: temp.token,
    tokenSecret: temp.secret,
    oauth: { oauth_verifier: verifier },
  });
  expect(res.status).toBe(200);
  const body = new URLSearchParams(await res.text());
  return { token: body.get('oauth_token')!, secret: body.get('oauth_token_secret')!, body };
}

describe('Twitter OAuth 1.0a', () => {
  it('completes request token → consent → access token → verify_credentials → tweet', async () => {
    const temp = await requestToken();
    expect(temp.body.get('oauth_callback_confirmed')).toBe('true');

    const page = await fetch(`${urls.userAuthorizationURL}?oauth_token=${temp.token}`);
    expect(await page.text()).toContain(
      '<title>Twitter sandbox — authorize sandbox-twitter-key</title>',
    );

    const location = await completeConsent(
      `${sandbox.url}/twitter/oauth/authorize?oauth_token=${temp.token}`,
    );
    expect(location.startsWith(`${loginCallback('twitter')}?`)).toBe(true);
    expect(queryOf(location).get('oauth_token')).toBe(temp.token);
    const verifier = queryOf(location).get('oauth_verifier')!;

    const exchange = await signed({
      method: 'POST',
      url: urls.accessTokenURL,
      token: temp.token,
      tokenSecret: temp.secret,
      oauth: { oauth_verifier: verifier },
    });
    expect(exchange.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    const access = new URLSearchParams(await exchange.text());
    expect(access.get('user_id')).toBe('1000000001');
    expect(access.get('screen_name')).toBe('alice_sandbox');
    expect(access.get('oauth_token')).toMatch(/^1000000001-/);
    const token = access.get('oauth_token')!;
    const tokenSecret = access.get('oauth_token_secret')!;

    const profile = await signed({
      method: 'GET',
      url: `${urls.userProfileURL}?include_email=true&skip_status=true`,
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
    expect(user.profile_image_url_https).toBe(`${sandbox.url}/__sandbox/avatars/twitter/alice.svg`);

    const text = "Hello, world! It's (sandboxed) *tweet* ☃ & more";
    const update = await signed({
      method: 'POST',
      url: `${urls.apiURL}/1.1/statuses/update.json`,
      token,
      tokenSecret,
      form: { status: text },
    });
    expect(update.status).toBe(200);
    const tweet = await update.json();
    expect(tweet).toMatchObject({ text, user: { id_str: '1000000001' } });
    expect(tweet.id_str).toBe(String(tweet.id));

    const v2 = await signed(
      { method: 'POST', url: `${urls.apiURL}/2/tweets`, token, tokenSecret },
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'v2 hello' }),
      },
    );
    expect(v2.status).toBe(201);
    expect((await v2.json()).data).toMatchObject({ text: 'v2 hello', id: expect.any(String) });

    expect(sandbox.calls('twitter', 'request_token')).toBe(1);
    expect(sandbox.calls('twitter', 'token')).toBe(1);
    expect(sandbox.calls('twitter', 'profile')).toBe(1);
    expect(sandbox.calls('twitter', 'api')).toBe(2);
  });

  it('gives email only when asked and known (carol has none)', async () => {
    const alice = await accessToken('alice');
    const plain = await signed({
      method: 'GET',
      url: urls.userProfileURL,
      token: alice.token,
      tokenSecret: alice.secret,
    });
    expect(await plain.json()).not.toHaveProperty('email');

    const carol = await accessToken('carol');
    expect(carol.body.get('user_id')).toBe('1000000003');
    const profile = await signed({
      method: 'GET',
      url: `${urls.userProfileURL}?include_email=true`,
      token: carol.token,
      tokenSecret: carol.secret,
    });
    const user = await profile.json();
    expect(user.screen_name).toBe('carol_sandbox');
    expect(user).not.toHaveProperty('email');
  });

  it('sends a denial to the callback as ?denied=<token> and voids the token', async () => {
    const temp = await requestToken();
    const authorize = `${urls.userAuthorizationURL}?oauth_token=${temp.token}`;
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
        url: urls.requestTokenURL,
        oauth: { oauth_callback: callback },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).errors[0].code).toBe(415);
    }
    const missing = await signed({ method: 'POST', url: urls.requestTokenURL });
    expect(missing.status).toBe(403);
  });

  it('answers bad credentials, signatures, timestamps and nonces like Twitter', async () => {
    const callback = { oauth_callback: loginCallback('twitter') };
    const expectError = async (res: Response, status: number, code: number) => {
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ errors: [{ code, message: expect.any(String) }] });
    };
    const wrongSecret = oauth1AuthorizationHeader({
      ...consumer,
      consumerSecret: 'nope',
      method: 'POST',
      url: urls.requestTokenURL,
      oauth: callback,
    });
    await expectError(
      await fetch(urls.requestTokenURL, {
        method: 'POST',
        headers: { authorization: wrongSecret },
      }),
      401,
      32,
    );

    const unknownKey = oauth1AuthorizationHeader({
      consumerKey: 'unknown',
      consumerSecret: client.clientSecret,
      method: 'POST',
      url: urls.requestTokenURL,
      oauth: callback,
    });
    await expectError(
      await fetch(urls.requestTokenURL, { method: 'POST', headers: { authorization: unknownKey } }),
      401,
      32,
    );

    const stale = Math.floor(Date.now() / 1000) - 301;
    await expectError(
      await signed({
        method: 'POST',
        url: urls.requestTokenURL,
        oauth: callback,
        timestamp: stale,
      }),
      401,
      135,
    );

    const header = oauth1AuthorizationHeader({
      ...consumer,
      method: 'POST',
      url: urls.requestTokenURL,
      oauth: callback,
    });
    expect(
      (await fetch(urls.requestTokenURL, { method: 'POST', headers: { authorization: header } }))
        .status,
    ).toBe(200);
    // The exact same signed request again: a replayed nonce.
    await expectError(
      await fetch(urls.requestTokenURL, { method: 'POST', headers: { authorization: header } }),
      401,
      32,
    );

    // Signed for another URL (the signature covers the base URI).
    const elsewhere = oauth1AuthorizationHeader({
      ...consumer,
      method: 'POST',
      url: `${urls.requestTokenURL}?x=1`,
      oauth: callback,
    });
    await expectError(
      await fetch(urls.requestTokenURL, { method: 'POST', headers: { authorization: elsewhere } }),
      401,
      32,
    );

    await expectError(await fetch(urls.requestTokenURL, { method: 'POST' }), 400, 215);
    expect(sandbox.calls('twitter', 'request_token')).toBe(7);
  });

  it('makes request tokens single-use and checks the verifier', async () => {
    const temp = await requestToken();
    await completeConsent(`${urls.userAuthorizationURL}?oauth_token=${temp.token}`);
    const exchange = (verifier: string) =>
      signed({
        method: 'POST',
        url: urls.accessTokenURL,
        token: temp.token,
        tokenSecret: temp.secret,
        oauth: { oauth_verifier: verifier },
      });
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
      url: urls.userProfileURL,
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
      url: urls.userProfileURL,
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
    sandbox.setFault({
      provider: 'twitter',
      endpoint: 'request_token',
      kind: 'no_callback_confirmed',
      times: 1,
    });
    const unconfirmed = await requestToken();
    expect(unconfirmed.body.get('oauth_callback_confirmed')).toBeNull();
    expect(unconfirmed.token).toBeTruthy();
    expect((await requestToken()).body.get('oauth_callback_confirmed')).toBe('true');

    sandbox.setFault({
      provider: 'twitter',
      endpoint: 'token',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const failed = await signed({
      method: 'POST',
      url: urls.accessTokenURL,
      token: 'x',
      tokenSecret: 'y',
    });
    expect(failed.status).toBe(503);
    expect(await failed.text()).toBe('<html>error</html>');

    sandbox.setFault({ provider: 'twitter', endpoint: 'token', kind: 'no_access_token' });
    const empty = await signed({
      method: 'POST',
      url: urls.accessTokenURL,
      token: 'x',
      tokenSecret: 'y',
    });
    expect(await empty.text()).toBe('oauth_token_secret=x');

    sandbox.setFault({ provider: 'twitter', endpoint: 'profile', kind: 'malformed' });
    const malformed = await signed({
      method: 'GET',
      url: urls.userProfileURL,
      token: 'x',
      tokenSecret: 'y',
    });
    expect(malformed.status).toBe(200);
    expect(await malformed.text()).toBe('not json{');
    expect(sandbox.calls('twitter', 'token')).toBe(2);
  });
});
