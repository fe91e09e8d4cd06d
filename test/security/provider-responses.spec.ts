// SECURITY.md C: provider answers and failures, each item by its number. Items #29–#31 and #33
// are in test/provider-failures.spec.ts (for all four providers).
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_IDENTITIES,
  type SandboxProviderId,
} from '../../apps/provider-sandbox/src/index.js';
import { profilePage } from '../../apps/sample/src/pages/views.js';
import { TestBrowser } from '../support/browser.js';
import { Flows, pageState } from '../support/flows.js';
import { useSandboxApp } from '../support/sandbox-app.js';

/** Alice's Google account: the ID token's subject whatever a faulty userinfo says. */
const GOOGLE_ALICE = SANDBOX_IDENTITIES.google[0]!;

/** A started connect's state (u1 logged in), for hand-made callbacks. */
async function startedState(f: Flows) {
  await f.logInAs('u1');
  return new URL(await f.start('connect')).searchParams.get('state')!;
}

describe('C. Provider answers on the callback', () => {
  const env = useSandboxApp({ providers: ['twitter', 'facebook', 'google', 'foursquare'] });
  const flows = (provider: SandboxProviderId) => new Flows(env.app, new TestBrowser(), provider);
  /** Google names itself in every authorization response, errors included (RFC 9207). */
  const googleIss = () => encodeURIComponent(`${env.sandbox.url}/google`);

  it('#25 access_denied → 401 with our own message, provider text never reflected, state spent', async () => {
    const f = flows('google');
    const state = await startedState(f);
    const denied = await f.json(
      `/connect/google?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=${state}&iss=${googleIss()}`,
    );
    expect(denied).toMatchObject({ status: 401, code: 'OAUTH_ACCESS_DENIED' });
    expect(denied.text).not.toContain('<script');
    expect(denied.location).toBeNull();
    const replay = await f.json(`/connect/google?code=c&state=${state}`);
    expect(replay).toMatchObject({ status: 403, code: 'OAUTH_STATE_INVALID' });
    expect(await env.app.rows()).toEqual([]);

    const browser = await f.browser.get(
      f.url(
        `/connect/google?error=access_denied&state=${await startedState(f)}&iss=${googleIss()}`,
      ),
    );
    expect(pageState(browser).flashes).toEqual({ error: ['Access was denied by Google'] });
  });

  it('#26 other provider errors → 502 (503 for temporarily_unavailable), error_uri never followed', async () => {
    const f = flows('foursquare');
    const failed = await f.json(
      `/connect/foursquare?error=server_error&error_uri=https%3A%2F%2Fevil.example&state=${await startedState(f)}`,
    );
    expect(failed).toMatchObject({ status: 502, code: 'OAUTH_PROVIDER_ERROR' });
    expect(failed.text).not.toContain('evil.example');
    const busy = await f.json(
      `/connect/foursquare?error=temporarily_unavailable&state=${await startedState(f)}`,
    );
    expect(busy.status).toBe(503);
    const browser = await f.browser.get(
      f.url(
        `/connect/foursquare?error=server_error&error_uri=https%3A%2F%2Fevil.example&state=${await startedState(f)}`,
      ),
      { follow: false },
    );
    expect(browser.headers.get('location')).toBe('/denied');
  });

  it("#27 Facebook's error_code redirect (no `error`) → 401, not 500; without a state → 403", async () => {
    const f = flows('facebook');
    const withState = await f.json(
      `/connect/facebook?error_code=200&error_message=Permissions+error&state=${await startedState(f)}`,
    );
    expect(withState).toMatchObject({ status: 401, code: 'OAUTH_ACCESS_DENIED' });
    const bare = await f.json('/connect/facebook?error_code=200&error_message=Permissions+error');
    expect(bare).toMatchObject({ status: 403, code: 'OAUTH_STATE_INVALID' });
    expect(await env.app.rows()).toEqual([]);
  });

  it('#28 a valid state without a code → 400, and the state is spent', async () => {
    const f = flows('facebook');
    const state = await startedState(f);
    expect(await f.json(`/connect/facebook?state=${state}`)).toMatchObject({
      status: 400,
      code: 'OAUTH_BAD_REQUEST',
    });
    expect(await f.json(`/connect/facebook?code=c&state=${state}`)).toMatchObject({
      status: 403,
    });
    expect(env.sandbox.calls('facebook', 'token')).toBe(0);
  });

  it.each([
    ['{}', {}],
    ['an empty id', { id: '', sub: '' }],
    ['a null id', { id: null, sub: null }],
    ['an operator object', { sub: { $gt: '' }, id: { $gt: '' } }],
    ['null', null],
    ['no user in the envelope', { response: {} }],
    ['a user without contact', { response: { user: { id: '1' } } }],
  ])(
    '#34 a profile with %s → 502 on every provider, no row, the process unharmed',
    async (_label, body) => {
      // Google's account id is its ID token's `sub` (next test).
      for (const provider of ['twitter', 'facebook', 'foursquare'] as const) {
        env.sandbox.setFault({ provider, endpoint: 'profile', kind: 'body', body });
        const f = flows(provider);
        expect(await f.connectJson()).toMatchObject({
          status: 502,
          code: 'OAUTH_PROVIDER_ERROR',
        });
      }
      expect(await env.app.rows()).toEqual([]);
    },
  );

  it.each([
    ['an empty sub', { sub: '' }],
    ['a null sub', { sub: null }],
    ['an operator object', { sub: { $gt: '' } }],
    ['another sub', { sub: 'someone-else' }],
  ])(
    "#34 Google: a userinfo with %s cannot change the ID token's subject → 403, no row",
    async (_label, body) => {
      env.sandbox.setFault({ provider: 'google', endpoint: 'profile', kind: 'body', body });
      expect(await flows('google').connectJson()).toMatchObject({
        status: 403,
        code: 'OAUTH_ID_TOKEN_INVALID',
      });
      expect(await env.app.rows()).toEqual([]);
    },
  );

  it("#34 Google: a userinfo without a sub leaves the verified ID token's", async () => {
    env.sandbox.setFault({ provider: 'google', endpoint: 'profile', kind: 'body', body: {} });
    expect(await flows('google').connectJson()).toMatchObject({ status: 201 });
    expect((await env.app.rows()).map((row) => row.providerUserId)).toEqual([GOOGLE_ALICE.id]);
  });

  it.each(['null', '[]', '"text"'])(
    '#29 a token answer of %s → 502, not an uncaught exception',
    async (raw) => {
      for (const provider of ['google', 'facebook', 'foursquare'] as const) {
        env.sandbox.setFault({ provider, endpoint: 'token', kind: 'body', body: JSON.parse(raw) });
        const f = flows(provider);
        expect(await f.connectJson()).toMatchObject({
          status: 502,
          code: 'OAUTH_PROVIDER_ERROR',
        });
      }
      expect(await env.app.rows()).toEqual([]);
    },
  );

  it('#35 a numeric id and the same id as a string are one account (one row)', async () => {
    const f = flows('facebook');
    await f.logInAs('u1');
    env.sandbox.setFault({
      provider: 'facebook',
      endpoint: 'profile',
      kind: 'body',
      body: { id: 1234, name: 'Num' },
      times: 1,
    });
    expect(pageState(await f.connect()).flashes).toEqual({
      success: ['Connection established to Facebook'],
    });
    env.sandbox.setFault({
      provider: 'facebook',
      endpoint: 'profile',
      kind: 'body',
      body: { id: '1234', name: 'Num' },
      times: 1,
    });
    expect(pageState(await f.connect()).flashes).toEqual({
      notice: ['A connection is already established with Facebook to your account'],
    });
    expect((await env.app.rows()).map((r) => r.providerUserId)).toEqual(['1234']);
  });

  it('#36 no automatic linking by email: an unknown account with a known email is not logged in', async () => {
    // The module never looks users up by email; an app's sign-up must refuse a taken email
    // itself (the sample does: test/sample-app.spec.ts, "refuses sign-up with an email…").
    for (const verified of [true, 'false']) {
      env.sandbox.setFault({
        provider: 'google',
        endpoint: 'profile',
        kind: 'body',
        body: {
          sub: GOOGLE_ALICE.id,
          name: 'Same Email',
          email: 'alice@example.com',
          email_verified: verified,
        },
        times: 1,
      });
      const f = flows('google');
      const page = pageState(await f.login());
      expect(page).toMatchObject({ path: '/login', userId: null });
      expect(page.flashes).toEqual({
        error: ['Google account not associated with an existing user'],
      });
      const failed = env.app.events.named('login.failed').at(-1);
      expect(failed.profile.emailVerified).toBe(verified === true);
    }
    expect(await env.app.rows()).toEqual([]);
  });

  it('#37 hostile, oversized profile fields: connected, stored cut to the column, rendered escaped', async () => {
    const hostile = '<img src=x onerror=alert(1)>'.repeat(4000); // ~112 KB
    env.sandbox.setFault({
      provider: 'google',
      endpoint: 'profile',
      kind: 'body',
      body: { sub: GOOGLE_ALICE.id, name: hostile, email: 'h@example.com', email_verified: true },
    });
    const f = flows('google');
    await f.logInAs('u1');
    expect(pageState(await f.connect()).flashes).toEqual({
      success: ['Connection established to Google'],
    });
    const [row] = await env.app.rows();
    expect(row!.displayName!.length).toBe(255);
    const [connection] = await env.app.connections('u1');
    const handle = { id: 'google', name: 'Google' } as never;
    const html = profilePage([{ provider: handle, connection: connection! }], 'csrf');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('C. Provider answers: network failures and domain restriction', () => {
  const env = useSandboxApp({
    providers: ['google', 'facebook'],
    // Nothing listens on port 1: connection refused (node-oauth's network error path).
    providerOverrides: {
      facebook: { tokenURL: 'http://127.0.0.1:1/oauth/access_token' },
      google: { hostedDomain: 'example.com' },
    },
  });

  it('#32 a network error reaching the provider → 502, nothing persisted', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'facebook');
    expect(await f.connectJson()).toMatchObject({
      status: 502,
      code: 'OAUTH_PROVIDER_ERROR',
    });
    expect(await env.app.rows()).toEqual([]);
  });

  it('#38 Google hostedDomain is checked on the hd claim server-side: outside → 403, inside → connected', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'google');
    await f.logInAs('u1');
    expect(new URL(await f.start('connect')).searchParams.get('hd')).toBe('example.com');
    // Bob's account has no hd claim; a userinfo that says evil.com is outside too.
    const bob = SANDBOX_IDENTITIES.google[1]!;
    for (const body of [undefined, { sub: bob.id, name: 'Evil HD', hd: 'evil.com' }]) {
      if (body) {
        env.sandbox.setFault({
          provider: 'google',
          endpoint: 'profile',
          kind: 'body',
          body,
          times: 1,
        });
      }
      expect(await f.connectJson('bob')).toMatchObject({
        status: 403,
        code: 'OAUTH_DOMAIN_NOT_ALLOWED',
      });
    }
    expect(await env.app.rows()).toEqual([]);
    // Alice's sandbox account is in example.com.
    expect(pageState(await f.connect('allow', 'alice')).flashes).toEqual({
      success: ['Connection established to Google'],
    });
  });
});
