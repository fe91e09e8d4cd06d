import { beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from './fixtures/social-test-app.js';
import { PROVIDER_NAMES, useSandboxApp } from './support/sandbox-app.js';
import { TestBrowser } from './support/browser.js';
import { consentCallbackUrl } from './support/consent.js';
import { Flows, pageState } from './support/flows.js';

const NAMES = PROVIDER_NAMES;
const JSON_ACCEPT = { accept: 'application/json' };

// A short deadline keeps the timeout cases quick.
const everyProvider = useSandboxApp({ overrides: { providerTimeoutMs: 600 } });
// X's OAuth 2.0 on the `twitter` provider, in an app of its own: the same failures.
const xOAuth2 = useSandboxApp({
  providers: ['twitter'],
  twitterProtocol: 'oauth2',
  overrides: { providerTimeoutMs: 600 },
});
const env = everyProvider;

const CASES = [
  ...PROVIDER_IDS.map((provider) => ({ provider, label: provider, oauth2Twitter: false })),
  { provider: 'twitter' as const, label: 'twitter over OAuth 2.0', oauth2Twitter: true },
];

/** Google names itself in every authorization response (RFC 9207); the others do not. */
const issOf = (provider: string) =>
  provider === 'google' ? `&iss=${encodeURIComponent(`${env.sandbox.url}/google`)}` : '';

/** Connects as u1 through the consent page, answering JSON; returns the final status and body. */
async function connectJson(flows: Flows) {
  await flows.logInAs('u1');
  const consent = await flows.browser.post(flows.url(`/connect/${flows.provider}`));
  const page = await answerConsentJson(flows, consent);
  return { status: page.status, body: JSON.parse(page.text) };
}

/** Answers the consent page but asks the app's callback for JSON. */
async function answerConsentJson(flows: Flows, consent: Awaited<ReturnType<TestBrowser['post']>>) {
  const toCallback = await consentCallbackUrl(flows.browser, consent);
  return flows.browser.get(toCallback, { headers: JSON_ACCEPT, follow: false });
}

describe.each(CASES)(
  '$label: provider failures never give a 500 and persist nothing',
  ({ provider, oauth2Twitter }) => {
    const env = oauth2Twitter ? xOAuth2 : everyProvider;
    let flows: Flows;
    beforeEach(() => {
      flows = new Flows(env.app, new TestBrowser(), provider);
    });

    it('#30 token endpoint 500 → 502 OAUTH_PROVIDER_ERROR, called once (no retry), no row', async () => {
      env.sandbox.setFault({
        provider,
        endpoint: 'token',
        kind: 'status',
        status: 500,
      });
      const { status, body } = await connectJson(flows);
      expect(status).toBe(502);
      expect(body).toMatchObject({ ok: false, code: 'OAUTH_PROVIDER_ERROR' });
      expect(env.sandbox.calls(provider, 'token')).toBe(1);
      expect(await env.app.rows()).toEqual([]);
      expect(env.app.events.named('connection.failed')).toEqual([
        expect.objectContaining({ reason: 'provider_error' }),
      ]);
    });

    it('#31 token endpoint too slow → 504 OAUTH_PROVIDER_TIMEOUT, and the late answer stores nothing', async () => {
      env.sandbox.setFault({ provider, endpoint: 'token', kind: 'delay', delayMs: 1200 });
      const { status, body } = await connectJson(flows);
      expect(status).toBe(504);
      expect(body.code).toBe('OAUTH_PROVIDER_TIMEOUT');
      await new Promise((resolve) => setTimeout(resolve, 900));
      expect(await env.app.rows()).toEqual([]);
    });

    it('#33 malformed profile answer → 502, no row', async () => {
      env.sandbox.setFault({ provider, endpoint: 'profile', kind: 'malformed' });
      const { status, body } = await connectJson(flows);
      expect(status).toBe(502);
      expect(body.code).toBe('OAUTH_PROVIDER_ERROR');
      expect(await env.app.rows()).toEqual([]);
    });

    it('#29 token answer without an access token → 502, no row', async () => {
      env.sandbox.setFault({ provider, endpoint: 'token', kind: 'no_access_token' });
      const { status } = await connectJson(flows);
      expect(status).toBe(502);
      expect(await env.app.rows()).toEqual([]);
    });

    it('#30 a browser sees a redirect with a flash, not an error page', async () => {
      env.sandbox.setFault({ provider, endpoint: 'token', kind: 'status', status: 503 });
      await flows.logInAs('u1');
      const page = pageState(await flows.connect('allow', 'alice'));
      expect(page.path).toBe('/denied');
      expect(page.flashes).toEqual({
        error: [`${NAMES[provider]} could not complete the sign-in. Please try again later.`],
      });
    });

    it('a callback with a forged state / request token → 403 OAUTH_STATE_INVALID, provider not called', async () => {
      await flows.logInAs('u1');
      await flows.start('connect');
      const query =
        provider === 'twitter' && !oauth2Twitter
          ? 'oauth_token=forged&oauth_verifier=v'
          : 'code=c&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      const page = await flows.browser.get(flows.url(`/connect/${provider}?${query}`), {
        headers: JSON_ACCEPT,
      });
      expect(page.status).toBe(403);
      expect(JSON.parse(page.text).code).toBe('OAUTH_STATE_INVALID');
      expect(env.sandbox.calls(provider, 'token')).toBe(0);
    });

    it('a bare callback (no code, no token) → 400/403 and never a new round trip', async () => {
      const page = await flows.browser.get(flows.url(`/login/${provider}`), {
        headers: JSON_ACCEPT,
        follow: false,
      });
      expect([400, 403]).toContain(page.status);
      expect(page.headers.get('location')).toBeNull();
    });

    it('a repeated or nested callback parameter → 400 OAUTH_BAD_REQUEST', async () => {
      const page = await flows.browser.get(
        flows.url(`/login/${provider}?state=a&state=b&code=x&oauth_token=a&oauth_token=b`),
        {
          headers: JSON_ACCEPT,
        },
      );
      expect(page.status).toBe(400);
      expect(JSON.parse(page.text).code).toBe('OAUTH_BAD_REQUEST');
    });

    it('replaying a completed callback → 403, still one row, the token endpoint not called again', async () => {
      await flows.logInAs('u1');
      const consent = await flows.browser.post(flows.url(`/connect/${provider}`));
      const callback = await consentCallbackUrl(flows.browser, consent);
      expect((await flows.browser.get(callback, { headers: JSON_ACCEPT })).status).toBe(201);
      // Facebook's connect also exchanges the short-lived token for a long-lived one (same endpoint).
      const tokenCallsAfterConnect = env.sandbox.calls(provider, 'token');
      expect(tokenCallsAfterConnect).toBe(provider === 'facebook' ? 2 : 1);
      const replay = await flows.browser.get(callback, { headers: JSON_ACCEPT });
      expect(replay.status).toBe(403);
      expect(await env.app.rows()).toHaveLength(1);
      expect(env.sandbox.calls(provider, 'token')).toBe(tokenCallsAfterConnect);
    });
  },
);

describe('protocol-specific failures', () => {
  it('twitter: a request token without oauth_callback_confirmed is refused (502), no redirect to the provider', async () => {
    env.sandbox.setFault({
      provider: 'twitter',
      endpoint: 'request_token',
      kind: 'no_callback_confirmed',
    });
    const flows = new Flows(env.app, new TestBrowser(), 'twitter');
    await flows.logInAs('u1');
    const page = await flows.browser.post(
      flows.url('/connect/twitter'),
      {},
      { headers: JSON_ACCEPT, follow: false },
    );
    expect(page.status).toBe(502);
    expect(JSON.parse(page.text).code).toBe('OAUTH_PROVIDER_ERROR');
  });

  it('twitter: request-token endpoint down → 502 at the start', async () => {
    env.sandbox.setFault({
      provider: 'twitter',
      endpoint: 'request_token',
      kind: 'status',
      status: 500,
    });
    const flows = new Flows(env.app, new TestBrowser(), 'twitter');
    const page = pageState(await flows.browser.post(flows.url('/login/twitter')));
    expect(page.path).toBe('/login');
    expect(page.flashes.error?.[0]).toMatch(/Twitter could not complete the sign-in/);
  });

  it.each(['facebook', 'google', 'foursquare', 'oidc'] as const)(
    '%s: refused code (invalid_grant) → 400 OAUTH_CODE_REJECTED',
    async (provider) => {
      env.sandbox.setFault({ provider, endpoint: 'token', kind: 'invalid_grant' });
      const { status, body } = await connectJson(new Flows(env.app, new TestBrowser(), provider));
      expect(status).toBe(400);
      expect(body.code).toBe('OAUTH_CODE_REJECTED');
    },
  );

  it("X OAuth 2.0: a code refused with X's invalid_request → 400 OAUTH_CODE_REJECTED", async () => {
    xOAuth2.sandbox.setFault({ provider: 'twitter', endpoint: 'token', kind: 'invalid_grant' });
    const { status, body } = await connectJson(
      new Flows(xOAuth2.app, new TestBrowser(), 'twitter'),
    );
    expect(status).toBe(400);
    expect(body.code).toBe('OAUTH_CODE_REJECTED');
  });

  it.each(['facebook', 'google', 'foursquare'] as const)(
    '%s: error=server_error on the callback → 502, provider text not reflected',
    async (provider) => {
      const flows = new Flows(env.app, new TestBrowser(), provider);
      await flows.logInAs('u1');
      const state = new URL(await flows.start('connect')).searchParams.get('state');
      const page = await flows.browser.get(
        flows.url(
          `/connect/${provider}?error=server_error&error_description=%3Cscript%3E&error_uri=https%3A%2F%2Fevil.example&state=${state}${issOf(provider)}`,
        ),
        { headers: JSON_ACCEPT, follow: false },
      );
      expect(page.status).toBe(502);
      expect(page.text).not.toContain('script');
      expect(page.text).not.toContain('evil.example');
    },
  );

  it('google: the state of a login cannot complete a connect', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    const state = new URL(await flows.start('login')).searchParams.get('state');
    await flows.logInAs('u1');
    const page = await flows.browser.get(flows.url(`/connect/google?code=c&state=${state}`), {
      headers: JSON_ACCEPT,
    });
    expect(page.status).toBe(403);
  });

  it('google: PKCE S256 on the authorization request, no verifier in the URL', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    const location = new URL(await flows.start('login'));
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('scope')).toBe('openid profile email');
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.has('code_verifier')).toBe(false);
  });

  it.each(['facebook', 'foursquare'] as const)(
    '%s: state on the authorization request',
    async (provider) => {
      const location = new URL(
        await new Flows(env.app, new TestBrowser(), provider).start('login'),
      );
      expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(location.searchParams.get('redirect_uri')).toBe(`${env.app.url}/login/${provider}`);
    },
  );
});
