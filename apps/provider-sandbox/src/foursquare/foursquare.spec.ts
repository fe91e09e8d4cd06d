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

const client = testClient('foursquare');
const redirectUri = loginCallback('foursquare');

const env = useTestSandbox();

const authUrl = (params: Record<string, string> = {}) =>
  urlWith(env.urls.foursquare.authorizationURL, {
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    state: 'st-4',
    ...params,
  });

const tokenForm = (code: string, params: Record<string, string> = {}) => ({
  client_id: client.clientId,
  client_secret: client.clientSecret,
  grant_type: 'authorization_code',
  redirect_uri: redirectUri,
  code,
  ...params,
});

async function tokenFor(identity = 'alice'): Promise<string> {
  const code = queryOf(await completeConsent(authUrl(), { identity })).get('code')!;
  const res = await postForm(env.urls.foursquare.tokenURL, tokenForm(code));
  return (await res.json()).access_token;
}

const self = (token: string) =>
  fetch(urlWith(env.urls.foursquare.userProfileURL, { oauth_token: token, v: '20140308' }));

describe('foursquare OAuth 2 + v2 API', () => {
  it('completes authenticate → code → token → users/self → checkin', async () => {
    const location = await completeConsent(authUrl());
    expect(queryOf(location).get('state')).toBe('st-4');
    const code = queryOf(location).get('code')!;

    // The token endpoint takes GET with query parameters too.
    const tokenRes = await fetch(urlWith(env.urls.foursquare.tokenURL, tokenForm(code)));
    const token = await tokenRes.json();
    expect(token).toEqual({ access_token: expect.any(String) });

    const res = await self(token.access_token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.meta).toEqual({ code: 200, requestId: expect.any(String) });
    expect(body.notifications).toBeInstanceOf(Array);
    expect(body.response.user).toMatchObject({
      id: '10000001',
      firstName: 'Alice',
      lastName: 'Anders',
      gender: 'female',
      relationship: 'self',
      photo: { prefix: `${env.sandbox.url}/__sandbox/avatars/foursquare/`, suffix: '/alice.svg' },
      contact: { email: 'alice@example.com' },
      canonicalUrl: 'https://foursquare.com/user/10000001',
    });
    const { prefix, suffix } = body.response.user.photo;
    expect((await fetch(`${prefix}100x100${suffix}`)).headers.get('content-type')).toContain(
      'image/svg+xml',
    );

    const checkin = await postForm(
      urlWith(`${env.urls.foursquare.apiURL}/checkins/add`, { v: '20140308' }),
      {
        oauth_token: token.access_token,
        venueId: '4b5e662af964a520b88929e3',
        shout: 'hello',
      },
    );
    expect((await checkin.json()).response.checkin).toMatchObject({
      shout: 'hello',
      id: expect.any(String),
    });
    expect(env.sandbox.calls('foursquare', 'token')).toBe(1);
    expect(env.sandbox.calls('foursquare', 'profile')).toBe(1);
    expect(env.sandbox.calls('foursquare', 'api')).toBe(1);
  });

  it('gives carol an empty contact and accepts a Bearer header too', async () => {
    const token = await tokenFor('carol');
    const res = await fetch(urlWith(env.urls.foursquare.userProfileURL, { v: '20140308' }), {
      headers: { authorization: `Bearer ${token}` },
    });
    const { user } = (await res.json()).response;
    expect(user).toMatchObject({ id: '10000003', firstName: 'Carol', contact: {} });
    expect(user.contact).not.toHaveProperty('email');
  });

  it('redirects a denial with error=access_denied', async () => {
    expect(await completeConsent(authUrl(), { decision: 'deny' })).toBe(
      `${redirectUri}?error=access_denied&state=st-4`,
    );
  });

  it('shows an error page for a wrong redirect_uri', async () => {
    const res = await fetch(authUrl({ redirect_uri: 'http://localhost:3000/other' }), {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses replayed codes, mismatched redirect_uri and bad secrets', async () => {
    const code = queryOf(await completeConsent(authUrl())).get('code')!;
    expect((await postForm(env.urls.foursquare.tokenURL, tokenForm(code))).status).toBe(200);
    const replay = await postForm(env.urls.foursquare.tokenURL, tokenForm(code));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_grant' });

    const other = queryOf(await completeConsent(authUrl())).get('code')!;
    const mismatch = await postForm(
      env.urls.foursquare.tokenURL,
      tokenForm(other, { redirect_uri: `${redirectUri}x` }),
    );
    expect(await mismatch.json()).toEqual({ error: 'redirect_uri_mismatch' });
    const secret = await postForm(
      env.urls.foursquare.tokenURL,
      tokenForm('x', { client_secret: 'nope' }),
    );
    expect(await secret.json()).toEqual({ error: 'invalid_client' });
  });

  it('answers bad tokens and a missing version with the v2 error envelope', async () => {
    const bad = await self('not-a-token');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      meta: {
        code: 401,
        errorType: 'invalid_auth',
        errorDetail: 'OAuth token invalid or revoked.',
        requestId: expect.any(String),
      },
      response: {},
    });
    const token = await tokenFor();
    const noVersion = await fetch(
      urlWith(env.urls.foursquare.userProfileURL, { oauth_token: token }),
    );
    expect(noVersion.status).toBe(400);
    expect((await noVersion.json()).meta.errorType).toBe('param_error');
  });

  it('applies faults: invalid_grant on token, status on profile', async () => {
    env.sandbox.setFault({ provider: 'foursquare', endpoint: 'token', kind: 'invalid_grant' });
    const refused = await postForm(env.urls.foursquare.tokenURL, tokenForm('whatever'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_grant' });
    env.sandbox.clearFaults();
    const token = await tokenFor();
    env.sandbox.setFault({
      provider: 'foursquare',
      endpoint: 'profile',
      kind: 'status',
      status: 502,
    });
    expect((await self(token)).status).toBe(502);
    expect(env.sandbox.calls('foursquare', 'token')).toBe(2);
  });
});
