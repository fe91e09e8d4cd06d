import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { s256Challenge } from '../oauth2/pkce.js';
import {
  loginCallback,
  postForm,
  queryOf,
  startTestSandbox,
  testClient,
  urlWith,
  useTestSandbox,
} from '../testing/sandbox.fixture.js';

const client = testClient('google');
const redirectUri = loginCallback('google');
const verifier = 'v'.repeat(20) + '-._~0123456789abcdefghijklmnop';
const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;

const env = useTestSandbox();

const authUrl = (params: Record<string, string> = {}) =>
  urlWith(env.urls.google.authorizationURL, {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'st-g',
    code_challenge: s256Challenge(verifier),
    code_challenge_method: 'S256',
    ...params,
  });

/** The form that redeems `code` for the default client, with the PKCE verifier. */
const redeemForm = (code: string, params: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  code,
  redirect_uri: redirectUri,
  client_id: client.clientId,
  client_secret: client.clientSecret,
  code_verifier: verifier,
  ...params,
});

const redeem = (code: string, params: Record<string, string> = {}, headers = {}) =>
  postForm(env.urls.google.tokenURL, redeemForm(code, params), headers);

async function codeFor(identity = 'alice', params: Record<string, string> = {}): Promise<string> {
  return queryOf(await completeConsent(authUrl(params), { identity })).get('code')!;
}

async function tokensFor(identity = 'alice', params: Record<string, string> = {}) {
  const res = await redeem(await codeFor(identity, params));
  expect(res.status).toBe(200);
  return res.json();
}

const userinfo = (token: string, url = env.urls.google.userProfileURL) =>
  fetch(url, { headers: { authorization: `Bearer ${token}` } });

/** The claims of an ID token, once its RS256 signature checks out against Google's JWKS. */
async function verifiedClaims(jwt: string): Promise<Record<string, unknown>> {
  const [header, payload, signature] = jwt.split('.');
  const { alg, kid } = JSON.parse(Buffer.from(header!, 'base64url').toString());
  expect(alg).toBe('RS256');
  const { keys } = await (await fetch(env.urls.google.jwksURL)).json();
  const jwk = keys.find((key: { kid: string }) => key.kid === kid);
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature!, 'base64url'),
  );
  expect(valid).toBe(true);
  return JSON.parse(Buffer.from(payload!, 'base64url').toString());
}

describe('Google OAuth 2 / OpenID Connect', () => {
  it('completes auth (PKCE, nonce, offline) → token → userinfo → refresh → revoke', async () => {
    const location = await completeConsent(
      authUrl({ nonce: 'n-0S6', access_type: 'offline', prompt: 'consent' }),
    );
    const query = queryOf(location);
    expect(location.startsWith(`${redirectUri}?`)).toBe(true);
    expect(query.get('state')).toBe('st-g');
    expect(query.get('iss')).toBe(`${env.sandbox.url}/google`);
    expect(query.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([
        'openid',
        'profile',
        'email',
        'https://www.googleapis.com/auth/userinfo.email',
      ]),
    );

    const res = await postForm(
      env.urls.google.tokenURL,
      {
        grant_type: 'authorization_code',
        code: query.get('code')!,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      },
      { authorization: basic },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tokens = await res.json();
    expect(tokens).toMatchObject({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      refresh_token: expect.stringMatching(/^1\/\//),
      token_type: 'Bearer',
    });
    const claims = await verifiedClaims(tokens.id_token);
    expect(claims).toMatchObject({
      iss: `${env.sandbox.url}/google`,
      aud: client.clientId,
      azp: client.clientId,
      sub: '110000000000000000001',
      email: 'alice@example.com',
      email_verified: true,
      hd: 'example.com',
      nonce: 'n-0S6',
      name: 'Alice Anders',
    });

    const profile = await userinfo(tokens.access_token);
    expect(await profile.json()).toEqual({
      sub: '110000000000000000001',
      name: 'Alice Anders',
      given_name: 'Alice',
      family_name: 'Anders',
      picture: `${env.sandbox.url}/__sandbox/avatars/google/alice.svg`,
      email: 'alice@example.com',
      email_verified: true,
      locale: 'en',
      hd: 'example.com',
    });

    const refreshed = await postForm(
      env.urls.google.tokenURL,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basic },
    );
    const again = await refreshed.json();
    expect(again.access_token).not.toBe(tokens.access_token);
    expect(again).not.toHaveProperty('refresh_token');
    expect(
      (await userinfo(again.access_token, `${env.sandbox.url}/google/v1/userinfo`)).status,
    ).toBe(200);

    expect(
      (await postForm(env.urls.google.revokeURL, { token: tokens.refresh_token })).status,
    ).toBe(200);
    expect((await userinfo(again.access_token)).status).toBe(401);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect(
      (await postForm(env.urls.google.revokeURL, { token: tokens.refresh_token })).status,
    ).toBe(400);
    expect(env.sandbox.calls('google', 'token')).toBe(2);
    expect(env.sandbox.calls('google', 'profile')).toBe(4);
  });

  it('reports email_verified as a boolean: bob false, carol without email', async () => {
    const bob = await (await userinfo((await tokensFor('bob')).access_token)).json();
    expect(bob).toMatchObject({
      sub: '110000000000000000002',
      email: 'bob@example.net',
      email_verified: false,
    });
    expect(bob).not.toHaveProperty('hd');
    const carol = await (await userinfo((await tokensFor('carol')).access_token)).json();
    expect(carol.sub).toBe('110000000000000000003');
    expect(carol).not.toHaveProperty('email');
    expect(carol).not.toHaveProperty('email_verified');
    const openidOnly = await (
      await userinfo((await tokensFor('alice', { scope: 'openid' })).access_token)
    ).json();
    expect(openidOnly).toEqual({ sub: '110000000000000000001' });
  });

  it('enforces PKCE: wrong or missing verifier, plain method, verifier without challenge', async () => {
    const wrong = await redeem(await codeFor(), { code_verifier: 'w'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });

    const missingCode = await codeFor();
    const missing = await postForm(env.urls.google.tokenURL, {
      grant_type: 'authorization_code',
      code: missingCode,
      redirect_uri: redirectUri,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect((await missing.json()).error).toBe('invalid_grant');

    const plain = queryOf(
      await completeConsent(authUrl({ code_challenge: verifier, code_challenge_method: 'plain' })),
    );
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('state')).toBe('st-g');
    const noMethod = queryOf(
      await completeConsent(
        authUrl({ code_challenge_method: '' }).replace('&code_challenge_method=', ''),
      ),
    );
    expect(noMethod.get('error')).toBe('invalid_request');

    const noChallenge = new URL(authUrl());
    noChallenge.searchParams.delete('code_challenge');
    noChallenge.searchParams.delete('code_challenge_method');
    const code = queryOf(await completeConsent(noChallenge.toString())).get('code')!;
    const downgrade = await redeem(code);
    expect((await downgrade.json()).error).toBe('invalid_grant');
  });

  it('makes codes single-use and revokes the tokens of a replayed code', async () => {
    const code = await codeFor();
    const first = await (await redeem(code)).json();
    expect((await userinfo(first.access_token)).status).toBe(200);
    const replay = await redeem(code);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Bad Request',
    });
    expect((await userinfo(first.access_token)).status).toBe(401);
  });

  it('expires codes after codeTtlMs', async () => {
    const shortLived = await startTestSandbox({ codeTtlMs: 20 });
    try {
      const auth = urlWith(authUrl(), {}).replace(env.sandbox.url, shortLived.url);
      const code = queryOf(await completeConsent(auth)).get('code')!;
      await new Promise((resolve) => setTimeout(resolve, 40));
      const res = await postForm(`${shortLived.url}/google/token`, redeemForm(code));
      expect((await res.json()).error).toBe('invalid_grant');
    } finally {
      await shortLived.close();
    }
  });

  it('redirects a denial with error=access_denied and state', async () => {
    const location = await completeConsent(authUrl(), { decision: 'deny' });
    expect(queryOf(location).get('error')).toBe('access_denied');
    expect(queryOf(location).get('state')).toBe('st-g');
    expect(queryOf(location).has('code')).toBe(false);
  });

  it('shows an error page for a bad redirect_uri or client, redirects other errors', async () => {
    const mismatch = await fetch(authUrl({ redirect_uri: `${redirectUri}/` }), {
      redirect: 'manual',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.headers.get('location')).toBeNull();
    const unknown = await fetch(authUrl({ client_id: 'nope' }), { redirect: 'manual' });
    expect(unknown.status).toBe(401);
    const badScope = queryOf(
      await completeConsent(authUrl({ scope: 'https://www.googleapis.com/auth/drive' })),
    );
    expect(badScope.get('error')).toBe('invalid_scope');
    const tokenRedirect = await redeem(await codeFor(), {
      redirect_uri: loginCallback('google').replace('login', 'connect'),
    });
    expect((await tokenRedirect.json()).error).toBe('redirect_uri_mismatch');
  });

  it('authenticates clients: unknown, wrong secret, two methods at once', async () => {
    const unknown = await redeem('x', { client_id: 'nope' });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error).toBe('invalid_client');
    const wrong = await redeem('x', { client_secret: 'wrong' });
    expect(wrong.status).toBe(401);
    const both = await redeem(await codeFor(), {}, { authorization: basic });
    expect(both.status).toBe(400);
    expect((await both.json()).error).toBe('invalid_request');
  });

  it('refuses an access token in the query (SECURITY.md #59)', async () => {
    const { access_token } = await tokensFor();
    const res = await fetch(`${env.urls.google.userProfileURL}?access_token=${access_token}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_request');
  });

  it('publishes a discovery document with its issuer', async () => {
    const doc = await (
      await fetch(`${env.sandbox.url}/google/.well-known/openid-configuration`)
    ).json();
    expect(doc).toMatchObject({
      issuer: `${env.sandbox.url}/google`,
      token_endpoint: `${env.sandbox.url}/google/token`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('serves the People API as its api endpoint', async () => {
    const { access_token } = await tokensFor('bob');
    const res = await fetch(
      `${env.urls.google.apiURL}/v1/people/me?personFields=names,emailAddresses`,
      {
        headers: { authorization: `Bearer ${access_token}` },
      },
    );
    expect(await res.json()).toMatchObject({
      resourceName: 'people/110000000000000000002',
      names: [{ displayName: 'Bob Brown' }],
      emailAddresses: [{ value: 'bob@example.net', metadata: { verified: false } }],
    });
    expect(env.sandbox.calls('google', 'api')).toBe(1);
  });

  it('applies faults: malformed userinfo, 500 once then normal, delay', async () => {
    const { access_token } = await tokensFor();
    env.sandbox.setFault({ provider: 'google', endpoint: 'profile', kind: 'malformed', times: 1 });
    expect(await (await userinfo(access_token)).text()).toBe('not json{');
    expect((await userinfo(access_token)).status).toBe(200);

    env.sandbox.setFault({
      provider: 'google',
      endpoint: 'token',
      kind: 'status',
      status: 500,
      times: 1,
    });
    const code = await codeFor();
    const failed = await redeem(code);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('<html>error</html>');
    // The fault answered before the code was looked at: it is still redeemable.
    expect((await redeem(code)).status).toBe(200);

    env.sandbox.setFault({ provider: 'google', endpoint: 'profile', kind: 'delay', delayMs: 80 });
    const started = Date.now();
    expect((await userinfo(access_token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(env.sandbox.calls('google', 'profile')).toBe(3);
  });
});
