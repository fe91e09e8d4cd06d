import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { s256Challenge } from '../oauth2/pkce.js';
import {
  loginCallback,
  postForm,
  queryOf,
  testClient,
  urlWith,
  useTestSandbox,
} from '../testing/sandbox.fixture.js';

const client = testClient('twitter');
const redirectUri = loginCallback('twitter');
const verifier = 'x'.repeat(43);
const basic = {
  authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
};

const env = useTestSandbox();
const x = () => env.urls.twitterOAuth2;

async function authorize(params: Record<string, string> = {}) {
  const url = urlWith(x().authorizationURL, {
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: 'tweet.read tweet.write users.read offline.access',
    state: 'st-x',
    code_challenge: s256Challenge(verifier),
    code_challenge_method: 'S256',
    ...params,
  });
  return queryOf(await completeConsent(url));
}

const redeem = (
  code: string,
  form: Record<string, string> = {},
  headers: Record<string, string> = basic,
) =>
  postForm(
    x().tokenURL,
    {
      code,
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
      code_verifier: verifier,
      ...form,
    },
    headers,
  );

const me = (token: string, fields = 'profile_image_url') =>
  fetch(`${x().userProfileURL}?user.fields=${fields}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe("X's OAuth 2.0 (authorization code with PKCE, confidential client)", () => {
  it('authorize → token (Basic) → users/me → tweet → refresh (rotated) → revoke', async () => {
    const callback = await authorize();
    expect(callback.get('state')).toBe('st-x');
    expect(callback.has('iss')).toBe(false);
    const res = await redeem(callback.get('code')!);
    expect(res.status).toBe(200);
    const tokens = await res.json();
    expect(tokens).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      scope: 'tweet.read tweet.write users.read offline.access',
      refresh_token: expect.any(String),
    });
    expect(await (await me(tokens.access_token)).json()).toEqual({
      data: {
        id: '1000000001',
        name: 'Alice Anders',
        username: 'alice_sandbox',
        profile_image_url: `${env.sandbox.url}/__sandbox/avatars/twitter/alice.svg`,
      },
    });
    const tweet = await fetch(`${x().apiURL}/2/tweets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ text: 'Hello' }),
    });
    expect(tweet.status).toBe(201);

    const refreshed = await postForm(
      x().tokenURL,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      basic,
    );
    const again = await refreshed.json();
    expect(again.refresh_token).not.toBe(tokens.refresh_token);
    // Each refresh token works once.
    const reused = await postForm(
      x().tokenURL,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      basic,
    );
    expect(await reused.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });

    const revoked = await postForm(
      x().revokeURL,
      { token: again.access_token, token_type_hint: 'access_token' },
      basic,
    );
    expect(await revoked.json()).toEqual({ revoked: true });
    expect((await me(again.access_token)).status).toBe(401);
  });

  it('takes a confidential client only with HTTP Basic', async () => {
    const code = (await authorize()).get('code')!;
    const inBody = await redeem(
      code,
      { client_id: client.clientId, client_secret: client.clientSecret },
      {},
    );
    expect(inBody.status).toBe(401);
    expect(await inBody.json()).toEqual({
      error: 'unauthorized_client',
      error_description: 'Missing valid authorization header',
    });
  });

  it('refuses a used code and a wrong verifier with invalid_request, as X does', async () => {
    const code = (await authorize()).get('code')!;
    expect((await redeem(code)).status).toBe(200);
    expect(await (await redeem(code)).json()).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the authorization code was invalid.',
    });
    const other = (await authorize()).get('code')!;
    expect(
      (await (await redeem(other, { code_verifier: 'w'.repeat(43) })).json()).error_description,
    ).toBe('Value passed for the code verifier did not match the code challenge.');
  });

  it('requires state and PKCE; no refresh token without offline.access; users/me needs both read scopes', async () => {
    expect((await authorize({ state: '' })).get('error')).toBe('invalid_request');
    const noPkce = new URL(
      urlWith(x().authorizationURL, {
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: redirectUri,
        scope: 'users.read',
        state: 's',
      }),
    );
    expect(queryOf(await completeConsent(noPkce.toString())).get('error')).toBe('invalid_request');
    expect((await authorize({ scope: 'users.read admin' })).get('error')).toBe('invalid_scope');
    const online = await (
      await redeem((await authorize({ scope: 'users.read' })).get('code')!)
    ).json();
    expect(online).not.toHaveProperty('refresh_token');
    expect((await me(online.access_token)).status).toBe(403);
  });
});
