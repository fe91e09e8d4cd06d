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

const client = testClient('google');
const verifier = 'v'.repeat(43);
const env = useTestSandbox({ rotateRefreshTokens: true });

/** An offline grant for alice: the first tokens, refresh token included. */
async function offlineTokens() {
  const consent = urlWith(env.urls.google.authorizationURL, {
    client_id: client.clientId,
    redirect_uri: loginCallback('google'),
    response_type: 'code',
    scope: 'openid email',
    state: 's',
    access_type: 'offline',
    code_challenge: s256Challenge(verifier),
    code_challenge_method: 'S256',
  });
  const code = queryOf(await completeConsent(consent, { identity: 'alice' })).get('code')!;
  const res = await postForm(env.urls.google.tokenURL, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: loginCallback('google'),
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code_verifier: verifier,
  });
  return (await res.json()) as { access_token: string; refresh_token: string };
}

const refresh = (refreshToken: string) =>
  postForm(env.urls.google.tokenURL, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });

const userinfo = (token: string) =>
  fetch(env.urls.google.userProfileURL, { headers: { authorization: `Bearer ${token}` } });

describe('Google refresh tokens with rotation and reuse detection (RFC 9700 §4.14.2)', () => {
  it('replaces the refresh token on every refresh', async () => {
    const first = await offlineTokens();
    const rotated = await (await refresh(first.refresh_token)).json();
    expect(rotated.refresh_token).toMatch(/^1\/\//);
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect((await refresh(rotated.refresh_token)).status).toBe(200);
  });

  it('revokes the whole grant when a rotated-away refresh token comes back', async () => {
    const first = await offlineTokens();
    const rotated = await (await refresh(first.refresh_token)).json();
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(rotated.refresh_token)).status).toBe(400);
    expect((await userinfo(rotated.access_token)).status).toBe(401);
  });
});
