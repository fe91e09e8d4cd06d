// Issue 9, item 4: a provider refusing the app's own registration (credentials, callback URL,
// redirect_uri) or the code says so, as a distinct JSON code, a flash message and a log line that
// names the fix. The real strategies against the sandbox, answering in the providers' shapes.
import { beforeEach, describe, expect, it } from 'vitest';
import { SocialMessages } from 'nestjs-social';
import { testCredentials } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { consentCallbackUrl } from './support/consent.js';
import { Flows, JSON_ACCEPT, pageState } from './support/flows.js';
import { PROVIDER_NAMES, useSandboxApp } from './support/sandbox-app.js';

const OAUTH2 = ['facebook', 'google', 'foursquare', 'oidc'] as const;
type OAuth2Id = (typeof OAUTH2)[number];

const logger = new CapturingLogger();
// The sandbox knows each client's real secret; this app was given wrong ones.
const wrongSecrets = useSandboxApp({
  providers: ['twitter', ...OAUTH2],
  logger,
  providerOverrides: {
    twitter: { consumerSecret: 'not-the-secret' },
    ...Object.fromEntries(OAUTH2.map((p) => [p, { clientSecret: 'not-the-secret' }])),
  },
});
const xWrongSecret = useSandboxApp({
  providers: ['twitter'],
  twitterProtocol: 'oauth2',
  logger,
  providerOverrides: { twitter: { clientSecret: 'not-the-secret' } },
});
const good = useSandboxApp({ providers: ['twitter', ...OAUTH2], logger });
const x = useSandboxApp({ providers: ['twitter'], twitterProtocol: 'oauth2', logger });

beforeEach(() => logger.clear());

/** Connects as u1 through the consent page; the callback answers JSON. */
async function connectJson(flows: Flows) {
  await flows.logInAs('u1');
  const consent = await flows.browser.post(flows.url(`/connect/${flows.provider}`));
  const callback = await consentCallbackUrl(flows.browser, consent);
  const page = await flows.browser.get(callback, { headers: JSON_ACCEPT, follow: false });
  return { status: page.status, body: JSON.parse(page.text) };
}

const errorLines = () => logger.lines.filter((line) => line.startsWith('error'));

describe('a wrong client secret (invalid_client; OAuth 1.0a: 401 at request_token)', () => {
  it.each(OAUTH2)(
    '%s: 500 OAUTH_CLIENT_REJECTED, the log names the options to check',
    async (p) => {
      const env = wrongSecrets;
      const { status, body } = await connectJson(new Flows(env.app, new TestBrowser(), p));
      expect(status).toBe(500);
      expect(body).toMatchObject({
        ok: false,
        code: 'OAUTH_CLIENT_REJECTED',
        message: SocialMessages.clientRejected(PROVIDER_NAMES[p]),
        redirect: '/denied',
      });
      expect(await env.app.rows()).toEqual([]);
      expect(env.app.events.named('connection.failed')).toEqual([
        expect.objectContaining({ reason: 'client_rejected' }),
      ]);
      const [line, ...more] = errorLines();
      expect(more).toEqual([]);
      expect(line).toContain(`${p}: callback failed:`);
      expect(line).toContain(`check providers.${p}.clientId and clientSecret`);
      expect(line).not.toContain('not-the-secret');
    },
  );

  it("X OAuth 2.0: X's invalid_client → OAUTH_CLIENT_REJECTED", async () => {
    const env = xWrongSecret;
    const { status, body } = await connectJson(new Flows(env.app, new TestBrowser(), 'twitter'));
    expect(status).toBe(500);
    expect(body.code).toBe('OAUTH_CLIENT_REJECTED');
    expect(errorLines()[0]).toContain('TokenError invalid_client');
  });

  it('twitter (OAuth 1.0a): the start fails at request_token → OAUTH_CLIENT_REJECTED, and a browser gets the flash', async () => {
    const env = wrongSecrets;
    const flows = new Flows(env.app, new TestBrowser(), 'twitter');
    const json = await flows.browser.post(
      flows.url('/login/twitter'),
      {},
      {
        headers: JSON_ACCEPT,
        follow: false,
      },
    );
    expect(json.status).toBe(500);
    expect(JSON.parse(json.text)).toMatchObject({
      code: 'OAUTH_CLIENT_REJECTED',
      redirect: '/login',
    });
    expect(errorLines()[0]).toMatch(
      /twitter: could not start authorization: InternalOAuthError: Failed to obtain request token \(status 401\): .*check providers\.twitter\.consumerKey and consumerSecret/,
    );
    const page = pageState(await flows.browser.post(flows.url('/login/twitter')));
    expect(page.path).toBe('/login');
    expect(page.flashes.error).toEqual([SocialMessages.clientRejected('Twitter')]);
  });
});

describe('twitter: a callback URL the app has not approved (403, error 415 at request_token)', () => {
  it('is OAUTH_CALLBACK_NOT_APPROVED, and the log names the URL to add', async () => {
    const env = good;
    const creds = testCredentials('twitter');
    // The app's registration at the provider lists another callback only.
    env.sandbox.registerClient({
      provider: 'twitter',
      clientId: creds.consumerKey!,
      clientSecret: creds.consumerSecret!,
      redirectUris: ['https://elsewhere.example/callback'],
    });
    try {
      const flows = new Flows(env.app, new TestBrowser(), 'twitter');
      await flows.logInAs('u1');
      const json = await flows.browser.post(
        flows.url('/connect/twitter'),
        {},
        {
          headers: JSON_ACCEPT,
          follow: false,
        },
      );
      expect(json.status).toBe(500);
      expect(JSON.parse(json.text)).toMatchObject({
        code: 'OAUTH_CALLBACK_NOT_APPROVED',
        message: SocialMessages.callbackNotApproved('Twitter'),
      });
      expect(errorLines()).toEqual([
        expect.stringContaining(
          `has not approved the callback URL ${env.app.url}/connect/twitter: add it, exactly`,
        ),
      ]);
      const page = pageState(await flows.browser.post(flows.url('/connect/twitter')));
      expect(page.flashes.error).toEqual([SocialMessages.callbackNotApproved('Twitter')]);
    } finally {
      env.sandbox.registerClient({
        provider: 'twitter',
        clientId: creds.consumerKey!,
        clientSecret: creds.consumerSecret!,
        redirectUris: [`${env.app.url}/login/twitter`, `${env.app.url}/connect/twitter`],
      });
    }
  });
});

describe('a redirect_uri the provider refuses at the token endpoint', () => {
  const cases: { provider: OAuth2Id | 'x'; label: string }[] = [
    ...OAUTH2.map((provider) => ({ provider, label: provider })),
    { provider: 'x', label: 'X OAuth 2.0' },
  ];
  it.each(cases)(
    '$label: 500 OAUTH_REDIRECT_URI_MISMATCH, the log names the URI',
    async ({ provider }) => {
      const env = provider === 'x' ? x : good;
      const id = provider === 'x' ? 'twitter' : provider;
      env.sandbox.setFault({ provider: id, endpoint: 'token', kind: 'redirect_uri_mismatch' });
      const { status, body } = await connectJson(new Flows(env.app, new TestBrowser(), id));
      expect(status).toBe(500);
      expect(body).toMatchObject({
        code: 'OAUTH_REDIRECT_URI_MISMATCH',
        message: SocialMessages.redirectUriMismatch(PROVIDER_NAMES[id]),
      });
      expect(errorLines()).toEqual([
        expect.stringContaining(
          `refused the redirect_uri ${env.app.url}/connect/${id}: register it`,
        ),
      ]);
      expect(env.app.events.named('connection.failed')).toEqual([
        expect.objectContaining({ reason: 'redirect_uri_mismatch' }),
      ]);
    },
  );
});

describe('a refused code', () => {
  it('google: invalid_grant is OAUTH_CODE_REJECTED, and the log says invalid_grant', async () => {
    good.sandbox.setFault({ provider: 'google', endpoint: 'token', kind: 'invalid_grant' });
    const { status, body } = await connectJson(new Flows(good.app, new TestBrowser(), 'google'));
    expect(status).toBe(400);
    expect(body.code).toBe('OAUTH_CODE_REJECTED');
    expect(logger.lines).toContainEqual(
      expect.stringMatching(/^warn google: callback failed: TokenError invalid_grant/),
    );
  });

  it('facebook: Graph error 100 (a used code) is OAUTH_CODE_REJECTED, with the Graph code in the log', async () => {
    good.sandbox.setFault({ provider: 'facebook', endpoint: 'token', kind: 'invalid_grant' });
    const { status, body } = await connectJson(new Flows(good.app, new TestBrowser(), 'facebook'));
    expect(status).toBe(400);
    expect(body.code).toBe('OAUTH_CODE_REJECTED');
    expect(logger.lines).toContainEqual(
      expect.stringContaining('FacebookTokenError (error 100/36009)'),
    );
  });

  it('twitter (OAuth 1.0a): a refused verifier at access_token (401, error 89) is OAUTH_CODE_REJECTED', async () => {
    good.sandbox.setFault({ provider: 'twitter', endpoint: 'token', kind: 'invalid_grant' });
    const { status, body } = await connectJson(new Flows(good.app, new TestBrowser(), 'twitter'));
    expect(status).toBe(400);
    expect(body.code).toBe('OAUTH_CODE_REJECTED');
    expect(logger.lines).toContainEqual(
      expect.stringContaining('Failed to obtain access token (status 401)'),
    );
  });
});
