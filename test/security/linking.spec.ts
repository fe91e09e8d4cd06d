// SECURITY.md E: linking and persistence, each item by its number.
import { describe, expect, it } from 'vitest';
import { SANDBOX_IDENTITIES } from '../../apps/provider-sandbox/src/index.js';
import { TestBrowser } from '../support/browser.js';
import { consentCallbackUrl } from '../support/consent.js';
import { Flows, JSON_ACCEPT, pageState } from '../support/flows.js';
import { useSandboxApp } from '../support/sandbox-app.js';

const env = useSandboxApp({ providers: ['twitter', 'google'] });
const twitterAlice = SANDBOX_IDENTITIES.twitter[0]!.id;

function browserAs(provider: 'twitter' | 'google' = 'twitter') {
  return new Flows(env.app, new TestBrowser(), provider);
}

describe('E. Linking and persistence', () => {
  it("#42 an account linked to another user → 409; that user's row byte-identical; nothing for the caller", async () => {
    const b = browserAs();
    await b.logInAs('u2');
    await b.connect('allow', 'alice');
    const [before] = await env.app.dataSource.query('SELECT * FROM social_connection');

    const a = browserAs();
    await a.logInAs('u1');
    const consent = await a.browser.post(a.url('/connect/twitter'));
    const callback = await consentCallbackUrl(a.browser, consent);
    const answer = await a.browser.get(callback, { headers: JSON_ACCEPT, follow: false });
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text).code).toBe('OAUTH_ACCOUNT_CONFLICT');
    expect(await env.app.dataSource.query('SELECT * FROM social_connection')).toEqual([before]);
    expect(await env.app.connections('u1')).toEqual([]);
  });

  it('#43 connecting the same account again is idempotent and rotates the tokens (new ciphertext)', async () => {
    const a = browserAs();
    await a.logInAs('u1');
    const first = await a.browser.post(a.url('/connect/twitter'));
    expect(
      (await a.browser.get(await consentCallbackUrl(a.browser, first), { follow: false })).status,
    ).toBe(302);
    const [before] = await env.app.rows();
    const second = await a.browser.post(a.url('/connect/twitter'));
    expect(
      (await a.browser.get(await consentCallbackUrl(a.browser, second), { follow: false })).status,
    ).toBe(302);
    const rows = await env.app.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.accessToken).not.toBe(before!.accessToken);
    expect(rows[0]!.secret).not.toBe(before!.secret);
  });

  it('#44 a connect callback needs a live app session → 401 AUTH_REQUIRED, nothing persisted', async () => {
    const a = browserAs('google');
    await a.logInAs('u1');
    const consent = await a.browser.post(a.url('/connect/google'));
    const callback = await consentCallbackUrl(a.browser, consent);
    await a.logOut();
    const answer = await a.browser.get(callback, { headers: JSON_ACCEPT, follow: false });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).code).toBe('AUTH_REQUIRED');
    expect(await env.app.rows()).toEqual([]);
    expect(env.sandbox.calls('google', 'token')).toBe(0);
  });

  it('#44 … and that refused callback spends the state, even if the session lives on', async () => {
    const a = browserAs('google');
    await a.logInAs('u1');
    const consent = await a.browser.post(a.url('/connect/google'));
    const callback = await consentCallbackUrl(a.browser, consent);
    await a.browser.post(a.url('/test/forget-user'));
    expect((await a.browser.get(callback, { headers: JSON_ACCEPT, follow: false })).status).toBe(
      401,
    );
    await a.browser.post(a.url('/test/switch-user/u1'));
    const replay = await a.browser.get(callback, { headers: JSON_ACCEPT, follow: false });
    expect(replay.status).toBe(403);
    expect(await env.app.rows()).toEqual([]);
  });

  it('#45 a connect never changes who is logged in', async () => {
    const a = browserAs();
    await a.logInAs('u1');
    const users = env.app.users.users.size;
    await a.connect('allow', 'alice');
    expect(await a.me()).toBe('u1');
    expect(env.app.users.users.size).toBe(users);
  });

  it('#46 two concurrent identical callbacks: exactly one effect, one row, at most one token call', async () => {
    const a = browserAs('google');
    await a.logInAs('u1');
    const consent = await a.browser.post(a.url('/connect/google'));
    const callback = await consentCallbackUrl(a.browser, consent);
    const answers = await Promise.all([
      a.browser.get(callback, { headers: JSON_ACCEPT, follow: false }),
      a.browser.get(callback, { headers: JSON_ACCEPT, follow: false }),
    ]);
    expect(answers.map((p) => p.status).sort()).toEqual([201, 403]);
    expect(await env.app.rows()).toHaveLength(1);
    expect(env.sandbox.calls('google', 'token')).toBeLessThanOrEqual(1);
  });

  it('#46 two users connecting the same new account at once: one row, the other refused (409)', async () => {
    const a = browserAs();
    await a.logInAs('u1');
    const b = browserAs();
    await b.logInAs('u2');
    const callbacks = await Promise.all(
      [a, b].map(async (f) =>
        consentCallbackUrl(f.browser, await f.browser.post(f.url('/connect/twitter'))),
      ),
    );
    const answers = await Promise.all(
      [a, b].map((f, i) => f.browser.get(callbacks[i]!, { headers: JSON_ACCEPT, follow: false })),
    );
    expect(answers.map((p) => p.status).sort()).toEqual([201, 409]);
    expect((await env.app.rows()).map((r) => r.providerUserId)).toEqual([twitterAlice]);
    expect(pageState(await a.browser.get(a.url('/'))).userId).toBe('u1');
  });
});
