// SECURITY.md B: the OAuth 1.0a checks passport-oauth1 skips (Twitter), each item by its number.
import { describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { consentCallbackUrl } from '../support/consent.js';
import { Flows, JSON_ACCEPT } from '../support/flows.js';
import { useSandboxApp } from '../support/sandbox-app.js';

const env = useSandboxApp({ providers: ['twitter'] });

function twitter() {
  return new Flows(env.app, new TestBrowser(), 'twitter');
}

/** Where the session state store keeps pending connect round trips (postOAuthConnectSessionKey). */
const PENDING_CONNECTS = 'post_oauth_connect_url';

async function sessionKeys(f: Flows): Promise<string[]> {
  return JSON.parse((await f.browser.get(f.url('/test/session'))).text).keys;
}

/** Starts a connect as u1 and approves it; returns the callback URL (oauth_token + verifier). */
async function approved(f: Flows, decision: 'allow' | 'deny' = 'allow') {
  await f.logInAs('u1');
  const consent = await f.browser.post(f.url('/connect/twitter'));
  return new URL(await consentCallbackUrl(f.browser, consent, decision));
}

describe('B. OAuth 1.0a (Twitter)', () => {
  it('#19 a request token without oauth_callback_confirmed=true → 502, no redirect, nothing in the session', async () => {
    env.sandbox.setFault({
      provider: 'twitter',
      endpoint: 'request_token',
      kind: 'no_callback_confirmed',
    });
    const f = twitter();
    await f.logInAs('u1');
    const page = await f.browser.post(
      f.url('/connect/twitter'),
      {},
      { headers: JSON_ACCEPT, follow: false },
    );
    expect(page.status).toBe(502);
    expect(JSON.parse(page.text)).toMatchObject({ code: 'OAUTH_PROVIDER_ERROR' });
    expect(page.text).not.toContain(env.sandbox.url);
    expect(await sessionKeys(f)).not.toContain(PENDING_CONNECTS);
  });

  it('#20 the returned oauth_token must be the stored one → 403 before the access-token call', async () => {
    const f = twitter();
    const url = await approved(f);
    url.searchParams.set('oauth_token', 'OTHER');
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    expect(env.sandbox.calls('twitter', 'token')).toBe(0);
    expect(await env.app.rows()).toEqual([]);
  });

  it('#21 oauth_verifier is required → 400, the access-token endpoint is not called', async () => {
    const f = twitter();
    const url = await approved(f);
    url.searchParams.delete('oauth_verifier');
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 400,
      code: 'OAUTH_BAD_REQUEST',
    });
    expect(env.sandbox.calls('twitter', 'token')).toBe(0);
  });

  it('#22 ?denied= → 401 OAUTH_ACCESS_DENIED and the request token is gone; a bare callback → 400 START_NEEDS_POST, no new round trip', async () => {
    const f = twitter();
    const denied = await approved(f, 'deny');
    expect(denied.searchParams.has('denied')).toBe(true);
    expect(await f.json(denied.pathname + denied.search)).toMatchObject({
      status: 401,
      code: 'OAUTH_ACCESS_DENIED',
    });
    expect(await sessionKeys(f)).not.toContain(PENDING_CONNECTS);
    // Without any callback parameter the GET is a link, not Twitter coming back: never a new start.
    const calls = env.sandbox.calls('twitter', 'request_token');
    const bare = await f.json('/connect/twitter');
    expect(bare).toMatchObject({ status: 400, code: 'START_NEEDS_POST', location: null });
    expect(env.sandbox.calls('twitter', 'request_token')).toBe(calls);
    expect(await sessionKeys(f)).not.toContain(PENDING_CONNECTS);
  });

  it('#22 an empty oauth_token → 400, and no new round trip is started from the callback', async () => {
    const f = twitter();
    await f.logInAs('u1');
    expect(await f.json('/connect/twitter?oauth_token=&oauth_verifier=x')).toMatchObject({
      status: 400,
      code: 'OAUTH_BAD_REQUEST',
    });
    expect(env.sandbox.calls('twitter', 'request_token')).toBe(0);
    expect(await sessionKeys(f)).not.toContain(PENDING_CONNECTS);
  });

  it('#23 the request token is single-use: replay after success → 403, one access-token call', async () => {
    const f = twitter();
    const url = await approved(f);
    expect((await f.json(url.pathname + url.search)).status).toBe(201);
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    expect(env.sandbox.calls('twitter', 'token')).toBe(1);
  });

  it('#23 … and destroyed on failure too: access_token fails, the retry → 403', async () => {
    env.sandbox.setFault({
      provider: 'twitter',
      endpoint: 'token',
      kind: 'status',
      status: 401,
      times: 1,
    });
    const f = twitter();
    const url = await approved(f);
    // A 401 at access_token refuses the request token or its verifier: the code's equivalent.
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 400,
      code: 'OAUTH_CODE_REJECTED',
    });
    expect(await f.json(url.pathname + url.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_STATE_INVALID',
    });
    expect(env.sandbox.calls('twitter', 'token')).toBe(1);
  });

  it('#24 a callback with no session data → 403, not 500 (passport-twitter #45, #109)', async () => {
    const f = twitter();
    await f.logInAs('u1');
    expect(await f.json('/connect/twitter?oauth_token=looks-valid&oauth_verifier=v')).toMatchObject(
      {
        status: 403,
        code: 'OAUTH_STATE_INVALID',
      },
    );
    const stranger = new Flows(env.app, new TestBrowser(), 'twitter');
    expect(await stranger.json('/login/twitter?oauth_token=t&oauth_verifier=v')).toMatchObject({
      status: 403,
    });
  });
});
