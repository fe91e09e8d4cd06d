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

const client = testClient('github');
const redirectUri = loginCallback('github');
const env = useTestSandbox();

async function code(scope = 'read:user,user:email', identity = 'alice') {
  const url = urlWith(env.urls.github.authorizationURL, {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope,
    state: 'st',
  });
  return queryOf(await completeConsent(url, { identity })).get('code')!;
}

const exchange = (value: string, headers: Record<string, string> = {}) =>
  postForm(
    env.urls.github.tokenURL,
    {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      code: value,
      redirect_uri: redirectUri,
    },
    headers,
  );

const api = (path: string, token: string) =>
  fetch(`${env.urls.github.apiURL}${path}`, { headers: { authorization: `token ${token}` } });

describe("GitHub's OAuth app flow", () => {
  it('answers form-encoded by default, JSON when asked, and errors with HTTP 200', async () => {
    const form = await exchange(await code());
    expect(form.headers.get('content-type')).toMatch(/application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(await form.text());
    expect(fields.get('access_token')).toMatch(/^gho_/);
    expect(fields.get('scope')).toBe('read:user,user:email');
    const json = await (await exchange(await code(), { accept: 'application/json' })).json();
    expect(json).toMatchObject({
      token_type: 'bearer',
      access_token: expect.stringMatching(/^gho_/),
    });
    const used = await exchange('spent', { accept: 'application/json' });
    expect(used.status).toBe(200);
    expect((await used.json()).error).toBe('bad_verification_code');
  });

  it('serves /user and, with user:email, /user/emails', async () => {
    const token = (
      await (
        await exchange(await code('read:user user:email', 'bob'), { accept: 'application/json' })
      ).json()
    ).access_token;
    expect(await (await api('/user', token)).json()).toMatchObject({
      id: 5830002,
      login: 'bob-sandbox',
      email: null,
    });
    expect(await (await api('/user/emails', token)).json()).toContainEqual({
      email: 'bob@example.net',
      primary: true,
      verified: false,
      visibility: 'private',
    });
    const narrow = (
      await (await exchange(await code('read:user'), { accept: 'application/json' })).json()
    ).access_token;
    expect((await api('/user/emails', narrow)).status).toBe(404);
    expect((await api('/user', 'gho_forged')).status).toBe(401);
  });
});
