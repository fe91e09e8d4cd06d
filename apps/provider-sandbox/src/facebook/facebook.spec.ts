import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import {
  loginCallback,
  postForm,
  queryOf,
  testClient,
  urlWith,
  useTestSandbox,
} from '../testing/sandbox.fixture.js';

const client = testClient('facebook');
const redirectUri = loginCallback('facebook');

const env = useTestSandbox();

const dialogUrl = (params: Record<string, string> = {}) =>
  urlWith(env.urls.facebook.authorizationURL, {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 'st-1',
    scope: 'email,public_profile',
    ...params,
  });

const exchange = (code: string, params: Record<string, string> = {}) =>
  postForm(env.urls.facebook.tokenURL, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uri: redirectUri,
    code,
    ...params,
  });

async function login(identity = 'alice', scope = 'email,public_profile'): Promise<string> {
  const location = await completeConsent(dialogUrl({ scope }), { identity });
  const res = await exchange(queryOf(location).get('code')!);
  expect(res.status).toBe(200);
  return (await res.json()).access_token;
}

const me = (token: string, query = '') =>
  fetch(`${env.urls.facebook.userProfileURL}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('Facebook OAuth 2 + Graph', () => {
  it('completes dialog → code → token → /me with fields → feed', async () => {
    const location = await completeConsent(dialogUrl());
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(redirectUri);
    expect(url.hash).toBe('#_=_');
    expect(url.searchParams.get('state')).toBe('st-1');
    const code = url.searchParams.get('code')!;
    expect(code.length).toBeGreaterThanOrEqual(22);

    const tokenRes = await exchange(code);
    const token = await tokenRes.json();
    expect(token).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      // A login's code gives a short-lived token; fb_exchange_token makes it long-lived.
      expires_in: 5400,
    });

    const fields = 'id,name,first_name,last_name,middle_name,email,picture.type(large),link,gender';
    const profile = await me(token.access_token, `?fields=${fields}`);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toEqual({
      id: '100000000000001',
      name: 'Alice Anders',
      first_name: 'Alice',
      last_name: 'Anders',
      email: 'alice@example.com',
      picture: {
        data: {
          height: 50,
          is_silhouette: false,
          url: `${env.sandbox.url}/__sandbox/avatars/facebook/alice.svg`,
          width: 50,
        },
      },
      link: 'https://www.facebook.com/app_scoped_user_id/100000000000001/',
      gender: 'female',
    });

    const proof = createHmac('sha256', client.clientSecret)
      .update(token.access_token)
      .digest('hex');
    const proven = await me(token.access_token, `?appsecret_proof=${proof}`);
    expect(await proven.json()).toEqual({ name: 'Alice Anders', id: '100000000000001' });
    const badProof = await me(token.access_token, `?appsecret_proof=${'0'.repeat(64)}`);
    expect(badProof.status).toBe(400);
    expect((await badProof.json()).error.type).toBe('GraphMethodException');

    const post = await postForm(
      `${env.urls.facebook.apiURL}/me/feed`,
      { message: 'hi' },
      {
        authorization: `Bearer ${token.access_token}`,
      },
    );
    expect((await post.json()).id).toMatch(/^100000000000001_\d+$/);
    expect(env.sandbox.calls('facebook', 'token')).toBe(1);
    expect(env.sandbox.calls('facebook', 'profile')).toBe(3);
    expect(env.sandbox.calls('facebook', 'api')).toBe(1);
  });

  it('takes the token endpoint by GET and any Graph version', async () => {
    const location = await completeConsent(dialogUrl(), { identity: 'bob' });
    const tokenUrl = urlWith(`${env.sandbox.url}/facebook/v3.2/oauth/access_token`, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: redirectUri,
      code: queryOf(location).get('code')!,
    });
    const token = await (await fetch(tokenUrl)).json();
    const profile = await fetch(
      `${env.sandbox.url}/facebook/v2.5/me?fields=id,name,middle_name,email`,
      {
        headers: { authorization: `Bearer ${token.access_token}` },
      },
    );
    expect(await profile.json()).toEqual({
      id: '100000000000002',
      name: 'Bob James Brown',
      middle_name: 'James',
      email: 'bob@example.net',
    });
  });

  it('redirects a denial with Facebook’s error parameters', async () => {
    const location = await completeConsent(dialogUrl(), { decision: 'deny' });
    expect(location).toBe(
      `${redirectUri}?error=access_denied&error_code=200&error_description=Permissions+error` +
        '&error_reason=user_denied&state=st-1#_=_',
    );
  });

  it('shows an error page, never a redirect, for a wrong redirect_uri or client_id', async () => {
    const cases: Record<string, string>[] = [
      { redirect_uri: 'http://localhost:3000/login/facebook?x=1' },
      { redirect_uri: 'http://evil.test/cb' },
      { client_id: 'unknown' },
    ];
    for (const params of cases) {
      const res = await fetch(dialogUrl(params), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('makes codes single-use and revokes what a replayed code obtained', async () => {
    const location = await completeConsent(dialogUrl());
    const code = queryOf(location).get('code')!;
    const first = await (await exchange(code)).json();
    expect((await me(first.access_token)).status).toBe(200);

    const replay = await exchange(code);
    expect(replay.status).toBe(400);
    expect((await replay.json()).error).toMatchObject({
      type: 'OAuthException',
      code: 100,
      error_subcode: 36009,
      fbtrace_id: expect.any(String),
    });
    const revoked = await me(first.access_token);
    expect(revoked.status).toBe(400);
    expect((await revoked.json()).error.code).toBe(190);
  });

  it('checks the client secret and the redirect_uri at the token endpoint', async () => {
    const code = async () => queryOf(await completeConsent(dialogUrl())).get('code')!;
    const badSecret = await exchange(await code(), { client_secret: 'wrong' });
    expect(badSecret.status).toBe(400);
    expect((await badSecret.json()).error.code).toBe(1);
    const badRedirect = await exchange(await code(), {
      redirect_uri: loginCallback('facebook').replace('login', 'connect'),
    });
    expect(badRedirect.status).toBe(400);
    expect((await badRedirect.json()).error.message).toContain('redirect_uri');
  });

  it('refuses an access token in the query (SECURITY.md #59)', async () => {
    const token = await login();
    const res = await fetch(`${env.urls.facebook.userProfileURL}?access_token=${token}`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.type).toBe('OAuthException');
    expect(error.message).toMatch(/query/);
    const missing = await fetch(env.urls.facebook.userProfileURL);
    expect((await missing.json()).error.code).toBe(2500);
  });

  it('hides email without the email permission, and carol has none', async () => {
    const noScope = await login('alice', 'public_profile');
    expect(await (await me(noScope, '?fields=id,email')).json()).toEqual({ id: '100000000000001' });
    const carol = await login('carol');
    expect(await (await me(carol, '?fields=id,name,email')).json()).toEqual({
      id: '100000000000003',
      name: 'Carol Clark',
    });
    const unknown = await me(carol, '?fields=id,favorite_color');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('favorite_color');
  });

  it('applies faults: invalid_grant and no_access_token on the token endpoint', async () => {
    env.sandbox.setFault({
      provider: 'facebook',
      endpoint: 'token',
      kind: 'invalid_grant',
      times: 1,
    });
    const refused = await exchange('anything');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.type).toBe('OAuthException');
    env.sandbox.setFault({ provider: 'facebook', endpoint: 'token', kind: 'no_access_token' });
    const empty = await exchange('anything');
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({});
    expect(env.sandbox.calls('facebook', 'token')).toBe(2);
  });
});

describe('Facebook token lifetime: fb_exchange_token and debug_token', () => {
  const longLived = (token: string, params: Record<string, string> = {}) =>
    fetch(
      urlWith(env.urls.facebook.tokenURL, {
        grant_type: 'fb_exchange_token',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        fb_exchange_token: token,
        ...params,
      }),
    );
  const debugToken = (input: string, appToken = `${client.clientId}|${client.clientSecret}`) =>
    fetch(
      urlWith(env.urls.facebook.userProfileURL.replace(/\/me$/, '/debug_token'), {
        input_token: input,
        access_token: appToken,
      }),
    );

  it('exchanges a short-lived user token for a long-lived one of the same user', async () => {
    const short = await login('bob');
    const res = await longLived(short);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    expect(body.access_token).not.toBe(short);
    const profile = await (await me(body.access_token, '?fields=id,name')).json();
    expect(profile).toEqual({ id: '100000000000002', name: 'Bob James Brown' });
  });

  it('refuses the exchange for a wrong secret or an unknown token', async () => {
    const short = await login();
    const badSecret = await longLived(short, { client_secret: 'wrong' });
    expect(badSecret.status).toBe(400);
    const unknown = await longLived('EAAnot-a-token');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ code: 190, type: 'OAuthException' });
  });

  it('debug_token describes a user token to its app, with its expiry and scopes', async () => {
    const short = await login('alice', 'email,public_profile');
    const res = await debugToken(short);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({
      app_id: client.clientId,
      type: 'USER',
      is_valid: true,
      user_id: '100000000000001',
      scopes: expect.arrayContaining(['public_profile', 'email']),
    });
    const now = Date.now() / 1000;
    expect(data.expires_at).toBeGreaterThan(now + 5000);
    expect(data.expires_at).toBeLessThan(now + 5401);
    expect((await (await debugToken('EAAnope')).json()).data).toMatchObject({
      is_valid: false,
      error: { code: 190 },
    });
    const wrongApp = await debugToken(short, `${client.clientId}|wrong`);
    expect(wrongApp.status).toBe(400);
    expect((await wrongApp.json()).error.code).toBe(190);
  });
});
