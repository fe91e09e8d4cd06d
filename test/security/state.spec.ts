// SECURITY.md A: state, CSRF and PKCE on the OAuth 2 providers, each item by its number.
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newHandle } from '../../libs/social/src/oauth/round-trips.js';
import { TestBrowser } from '../support/browser.js';
import { consentCallbackUrl } from '../support/consent.js';
import { Flows } from '../support/flows.js';
import { useSandboxApp } from '../support/sandbox-app.js';

const env = useSandboxApp();

afterEach(() => {
  vi.useRealTimers();
});

function flows(
  provider: 'google' | 'facebook' | 'foursquare' = 'google',
  browser = new TestBrowser(),
) {
  return new Flows(env.app, browser, provider);
}

/** Calls a callback URL asking for JSON; returns status and code. */

/** Nothing persisted: no connection, nobody logged in, and (when asked) no token exchange. */
async function expectNothingPersisted(f: Flows, tokenCalls = 0) {
  expect(await env.app.rows()).toEqual([]);
  expect(env.sandbox.calls(f.provider, 'token')).toBe(tokenCalls);
}

/** Starts a connect as u1 and answers consent; returns the callback URL with code and state. */
async function approvedConnect(f: Flows) {
  await f.logInAs('u1');
  const consent = await f.browser.post(f.url(`/connect/${f.provider}`));
  return consentCallbackUrl(f.browser, consent);
}

describe('A. State, CSRF and PKCE', () => {
  it('#1 state: 256-bit CSPRNG values, base64url, unique over 1000', () => {
    const states = new Set(Array.from({ length: 1000 }, () => newHandle()));
    expect(states.size).toBe(1000);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('#1 a forged state is refused (403 OAUTH_STATE_INVALID), the token endpoint is not called', async () => {
    const f = flows();
    await f.logInAs('u1');
    await f.start('connect');
    const answer = await f.json(
      '/connect/google?code=c&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    expect(answer).toMatchObject({ status: 403, code: 'OAUTH_STATE_INVALID' });
    await expectNothingPersisted(f);
  });

  it('#2 fail closed when neither the callback nor the session has a state', async () => {
    const f = flows();
    expect(await f.json('/login/google?code=c')).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(f);
  });

  it('#3 a started flow whose callback lost its state (stripped) is refused', async () => {
    const f = flows();
    await f.logInAs('u1');
    await f.start('connect');
    expect(await f.json('/connect/google?code=c')).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(f);
  });

  it('#4 a state is single-use: the replayed callback → 403, one token call, one row', async () => {
    const f = flows();
    const url = new URL(await approvedConnect(f));
    expect((await f.json(url.pathname + url.search)).status).toBe(201);
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    expect(env.sandbox.calls('google', 'token')).toBe(1);
    expect(await env.app.rows()).toHaveLength(1);
  });

  it("#5 state is bound to the browser session: the attacker's code+state in the victim's browser → 403", async () => {
    const attacker = flows('facebook');
    const attackerCallback = new URL(await approvedConnect(attacker));
    const victim = flows('facebook');
    await victim.logInAs('u2');
    await victim.start('connect'); // the victim has a pending flow of its own
    expect(await victim.json(attackerCallback.pathname + attackerCallback.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(victim);
  });

  it('#6 a state expires after 10 minutes', async () => {
    const f = flows();
    const url = new URL(await approvedConnect(f));
    // Only Date moves: the HTTP servers' timers keep running.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 601_000);
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(f);
  });

  it('#7 state is bound to the provider: a Facebook state on the Google callback → 403', async () => {
    const f = flows('facebook');
    await f.logInAs('u1');
    const state = new URL(await f.start('connect')).searchParams.get('state');
    const google = new Flows(env.app, f.browser, 'google');
    expect(await google.json(`/connect/google?code=c&state=${state}`)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(google);
  });

  it('#8 state is bound to the flow: a login state on the connect callback → 403', async () => {
    const f = flows();
    const state = new URL(await f.start('login')).searchParams.get('state');
    await f.logInAs('u1');
    expect(await f.json(`/connect/google?code=c&state=${state}`)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(f);
  });

  it('#9 a connect is bound to the user who started it: another user in the same session → 403', async () => {
    const f = flows();
    const url = new URL(await approvedConnect(f)); // started by u1
    await f.browser.post(f.url('/test/switch-user/u2')); // a careless app keeps the session
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(f);
  });

  it.each([
    ['repeated state', 'code=c&state=a&state=b'],
    ['bracketed state array', 'code=c&state[]=a&state[]=b'],
    ['operator object', 'code=c&state[$ne]=x'],
    ['nested code', 'code[a]=1&state=x'],
    ['empty code (passport would start a new round trip)', 'code=&state=x'],
  ])(
    '#10 callback parameters must be single strings: %s → 400, nothing looked up',
    async (_label, query) => {
      const f = flows();
      await f.start('login');
      expect(await f.json(`/login/google?${query}`)).toMatchObject({
        status: 400,
        code: 'OAUTH_BAD_REQUEST',
      });
      await expectNothingPersisted(f);
    },
  );

  it('#11 oversized parameters → 400; a 20 KB URL → 431; never a 500', async () => {
    const f = flows();
    await f.start('login');
    expect((await f.json(`/login/google?code=c&state=${'a'.repeat(10_000)}`)).status).toBe(400);
    expect((await f.json(`/login/google?state=a&code=${'c'.repeat(5_000)}`)).status).toBe(400);
    expect((await f.json(`/login/google?junk=${'x'.repeat(20_000)}`)).status).toBe(431);
    await expectNothingPersisted(f);
  });

  it('#12 PKCE S256 for Google: a 43-character challenge, no verifier in the URL', async () => {
    const location = new URL(await flows().start('login'));
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.has('code_verifier')).toBe(false);
  });

  it("#13 code injection: the attacker's code in the victim's flow fails PKCE → 400 OAUTH_CODE_REJECTED", async () => {
    const attacker = flows();
    const stolen = new URL(await approvedConnect(attacker)).searchParams;
    const victim = flows();
    await victim.logInAs('u2');
    const state = new URL(await victim.start('connect')).searchParams.get('state');
    const injected = new URLSearchParams({
      code: stolen.get('code')!,
      state: state!,
      iss: stolen.get('iss')!,
    });
    expect(await victim.json(`/connect/google?${injected}`)).toMatchObject({
      status: 400,
      code: 'OAUTH_CODE_REJECTED',
    });
    expect(await env.app.rows()).toEqual([]);
  });

  it('#14 a round trip whose stored PKCE verifier is gone is refused before the token call', async () => {
    const f = flows();
    const url = new URL(await approvedConnect(f));
    await f.browser.post(f.url('/test/drop-verifier/google'));
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    await expectNothingPersisted(f);
  });

  it('#15 mix-up defence: an iss that is not Google → 403 OAUTH_ISSUER_MISMATCH', async () => {
    const f = flows();
    const url = new URL(await approvedConnect(f));
    url.searchParams.set('iss', 'https://evil.example');
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_ISSUER_MISMATCH',
    });
    await expectNothingPersisted(f);
  });

  it('#15 RFC 9207 §2.4: a Google callback without iss (the issuer is known) → 403 OAUTH_ISSUER_MISMATCH, before the token call', async () => {
    const f = flows();
    const url = new URL(await approvedConnect(f));
    expect(url.searchParams.has('iss')).toBe(true);
    url.searchParams.delete('iss');
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_ISSUER_MISMATCH',
    });
    expect(env.sandbox.calls('google', 'token')).toBe(0);
    await expectNothingPersisted(f);
  });

  it('#16 scopes come from the configuration only', async () => {
    const f = flows();
    const page = await f.browser.post(
      f.url('/login/google?scope=https://mail.google.com/'),
      { scope: 'https://mail.google.com/' },
      { follow: false },
    );
    expect(new URL(page.headers.get('location')!).searchParams.get('scope')).toBe(
      'openid profile email',
    );
  });

  it('#17 the client cannot set state, verifier, user or flow', async () => {
    const f = flows();
    const page = await f.browser.post(
      f.url('/login/google?state=ATTACKER&code_verifier=x&userId=victim&flow=connect'),
      { state: 'ATTACKER', code_verifier: 'x', userId: 'victim' },
      { follow: false },
    );
    const location = new URL(page.headers.get('location')!);
    expect(location.searchParams.get('state')).not.toBe('ATTACKER');
    expect(location.searchParams.get('redirect_uri')).toBe(`${env.app.url}/login/google`);
    expect(await f.json('/login/google?code=c&state=ATTACKER')).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
  });

  it('#18 redirect_uri comes from appUrl, never from Host or X-Forwarded-Host', async () => {
    const { port } = new URL(env.app.url);
    const location = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/login/google',
          headers: {
            host: 'evil.com',
            'x-forwarded-host': 'evil.com',
            'x-forwarded-proto': 'https',
          },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers.location));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(new URL(location).searchParams.get('redirect_uri')).toBe(`${env.app.url}/login/google`);
  });
});
